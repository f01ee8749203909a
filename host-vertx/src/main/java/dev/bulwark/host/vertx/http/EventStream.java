package dev.bulwark.host.vertx.http;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.events.FollowEvents;
import dev.bulwark.ports.errors.Forbidden;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events as Server-Sent Events at {@code GET /api/v1/events}. One reader per process follows the event log
 * (which every process on the database shares) and hands each event to the connected clients of its workspace.
 * A client that reconnects with {@code Last-Event-ID} (browsers do it by themselves) first gets what it missed, then
 * live events, in sequence order, each once; when what it missed is no longer kept it gets a {@code reset} event
 * (reload the page's data). A comment every 15 seconds keeps proxies from closing an idle stream.
 */
final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long KEEP_ALIVE_MS = 15_000;
    private static final int PAGE = 500;

    private final FollowEvents events;
    private final ManageAccounts accounts;
    private final UseCases useCases;
    private final Map<WorkspaceId, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    EventStream(FollowEvents events, ManageAccounts accounts, UseCases useCases) {
        this.events = events;
        this.accounts = accounts;
        this.useCases = useCases;
        this.reader = Thread.ofVirtual().name("bulwark-events").unstarted(this::follow);
        reader.start();
    }

    void install(Router router) {
        router.get(Api.PREFIX + "/events").handler(this::connect);
    }

    private void connect(RoutingContext ctx) {
        ctx.put(Api.ROUTE_KEY, Api.PREFIX + "/events");
        Auth.Presented presented = Auth.presented(ctx);
        String lastId = ctx.request().getHeader("Last-Event-ID");
        if (lastId == null) {
            lastId = ctx.request().getParam("lastEventId");
        }
        long after;
        try {
            after = lastId == null ? -1 : Long.parseLong(lastId.strip());
        } catch (NumberFormatException e) {
            throw Api.invalid("Last-Event-ID", "must be the id of an event received before");
        }
        long resumeAfter = after;
        useCases.run(ctx, () -> {
            Principal principal = Auth.authenticate(accounts, presented);
            if (!principal.canRead()) {
                throw new Forbidden("This key may not read.");
            }
            long start = resumeAfter < 0 ? events.lastSequence() : resumeAfter;
            return new Start(principal, start, resumeAfter >= 0 && resumeAfter + 1 < events.firstSequence());
        }, this::open);
    }

    private record Start(Principal principal, long after, boolean missed) {
    }

    private void open(RoutingContext ctx, Start start) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        Subscriber subscriber = new Subscriber(start.principal(), response, ctx.vertx().getOrCreateContext(), start.after());
        subscribers.computeIfAbsent(start.principal().workspace(), w -> ConcurrentHashMap.newKeySet()).add(subscriber);
        response.write("retry: 2000\n\n");
        if (start.missed()) {
            response.write("event: reset\ndata: {\"reason\":\"events you missed are no longer kept; reload\"}\n\n");
        }
        long timer = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            Set<Subscriber> set = subscribers.get(start.principal().workspace());
            if (set != null) {
                set.remove(subscriber);
            }
        });
        // what the client missed, then live: events that arrive meanwhile wait in the subscriber's queue
        useCases.runDetached(() -> {
            long from = start.after();
            while (true) {
                List<LoggedEvent> page = events.after(start.principal(), from, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                subscriber.context.runOnContext(v -> page.forEach(subscriber::send));
                from = page.getLast().sequence();
                if (page.size() < PAGE) {
                    break;
                }
            }
            subscriber.context.runOnContext(v -> subscriber.goLive());
        });
    }

    /** The process's one reader of the log: hands events to their workspace's subscribers, on their contexts. */
    private void follow() {
        long last;
        try {
            last = events.lastSequence();
        } catch (RuntimeException e) {
            last = 0;
        }
        while (running.get()) {
            try {
                List<LoggedEvent> page = events.allAfter(last, PAGE);
                for (LoggedEvent event : page) {
                    Set<Subscriber> set = subscribers.get(event.event().workspace());
                    if (set != null) {
                        for (Subscriber subscriber : set) {
                            subscriber.context.runOnContext(v -> subscriber.offer(event));
                        }
                    }
                    last = event.sequence();
                }
                if (page.size() < PAGE) {
                    Thread.sleep(POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("reading the event log failed; retrying: {}", e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    int connected() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        running.set(false);
        reader.interrupt();
        subscribers.values().forEach(set -> set.forEach(s -> s.context.runOnContext(v -> s.response.end())));
    }

    /** One connected client; touched only on its own context (one thread), so no locks. */
    private static final class Subscriber {
        final Principal principal;
        final HttpServerResponse response;
        final Context context;
        final Queue<LoggedEvent> waiting = new ArrayDeque<>();
        long lastSent;
        boolean live;

        Subscriber(Principal principal, HttpServerResponse response, Context context, long after) {
            this.principal = principal;
            this.response = response;
            this.context = context;
            this.lastSent = after;
        }

        void offer(LoggedEvent event) {
            if (live) {
                send(event);
            } else {
                waiting.add(event);
            }
        }

        void goLive() {
            LoggedEvent event;
            while ((event = waiting.poll()) != null) {
                send(event);
            }
            live = true;
        }

        void send(LoggedEvent event) {
            if (event.sequence() <= lastSent || response.ended() || response.closed()
                    || !event.event().workspace().equals(principal.workspace())) {
                return;
            }
            lastSent = event.sequence();
            JsonObject data = new JsonObject().put("type", event.event().type().wireName())
                    .put("at", event.event().at().toString()).put("data", new JsonObject(Map.copyOf(event.event().data())));
            response.write("id: " + event.sequence() + "\nevent: " + event.event().type().wireName() + "\ndata: "
                    + data.encode() + "\n\n");
        }
    }
}
