package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.signals.SignalIntake;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.signals.WebhookAck;
import dev.bulwark.ports.driving.signals.WebhookRequest;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.Unavailable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The webhook, the hot path: one bot read, the secret from a memory cache, two counter increments, one durable
 * write (signal and job, possibly group-committed with others), one log row. In order:
 *
 * <ol>
 *   <li><b>Size and id.</b> A body over {@link Signal#MAX_BODY_BYTES} is Invalid; a bot id that is not a UUID is
 *       NotFound.</li>
 *   <li><b>Authentication</b>, with the first credential the request has: the URL's secret, else the body's
 *       {@code secret} field (a JSON or text body), else the {@code X-Bulwark-Signature} header (see
 *       {@link WebhookSignature}). The current secret and, during its grace period, the previous one are both checked,
 *       always both, in constant time. An unknown bot is checked against a dummy secret in the same way, and a wrong
 *       credential, a missing one and an unknown bot all answer the same NotFound. A correct signature outside
 *       {@value #SIGNATURE_WINDOW_MINUTES} minutes of now is Unauthorized (checked only once the signature is right,
 *       so it tells nothing to a stranger); a replay inside the window is a duplicate by the body rule below.</li>
 *   <li><b>Opened secrets are cached.</b> The vault writes an audit entry for every opening, which a bot receiving
 *       many signals would turn into one audit row per signal. An opened secret is kept in memory for
 *       {@value #SECRET_TTL_SECONDS} seconds (at most {@value #CACHE_CAPACITY} of them, least recently used leaving
 *       first), keyed by the bot and the sealed text itself, so a rotation (a new sealed text) is seen at once and
 *       never served from the cache. The one timing difference left: a bot whose secret is not cached costs one
 *       vault opening more than an unknown bot; bot ids are UUIDv7 with 74 random bits, too many to probe. The
 *       workspace's plan is cached the same way, so a plan change applies within a minute.</li>
 *   <li><b>Bots are reused for a second.</b> A bot read for a webhook answers the next ones for
 *       {@value #BOT_TTL_MILLIS} ms (a primary-key read per request was a sixth of the server's CPU at 1,000 webhooks
 *       a second). A credential the cached copy refuses is checked again on the bot as stored now, so a rotated
 *       secret works at once and a refusal is never stale. A bot paused or deleted in the last second may still
 *       have a signal accepted: the worker reads the bot again and records it IGNORED, or REJECTED ("the bot no
 *       longer exists"), never executed. An unknown bot is never cached.</li>
 *   <li><b>Limits</b>: {@code perMinute} requests per bot and UTC minute on every plan (0: none)
 *       ({@code webhooks-per-minute}, retry at the next minute) and the plan's requests per workspace and UTC day
 *       ({@code webhooks-per-day}, retry at midnight UTC; none on the UNLIMITED plan), counted in {@link WebhookLog#increment} so they hold
 *       across processes. Every authenticated request counts, whatever becomes of it.</li>
 *   <li><b>The body</b> is read ({@link WebhookBody}) and interpreted ({@link SignalFields}); every error at once,
 *       as Invalid with field errors. The stored body is the body without its secret field, and with any other
 *       occurrence of the secret masked.</li>
 *   <li><b>Idempotency.</b> With an {@code orderId}: {@code order:<orderId>} for 24 hours; without:
 *       {@code body:<SHA-256 of the normalized fields>} for 60 seconds.</li>
 *   <li><b>Storing.</b> An ACTIVE bot's signal goes through {@link SignalIntake#accept} with its
 *       {@code signal.process} job (payload: the signal id; idempotency key {@code signal:<id>}); a paused or stopped
 *       bot's is recorded and marked IGNORED (with an {@code ignored} journey step) in one transaction, without a
 *       job. No journey step is written for an accepted signal: the signal row holds everything the
 *       {@code received} and {@code parsed} steps would say, and the receipt is built from it, which keeps this
 *       path to one durable write.</li>
 *   <li><b>The log.</b> Every request, answered or failed, is recorded in the {@link WebhookLog} with its outcome
 *       and status, never with a secret or body. A failure to write that row after the signal was stored is
 *       swallowed: the signal is safe, and the sender must not get an error and send it again.</li>
 * </ol>
 */
final class ReceiveSignalsService implements ReceiveSignals {
    static final String NOT_FOUND = "no such webhook";
    static final int SIGNATURE_WINDOW_MINUTES = 5;
    static final int SECRET_TTL_SECONDS = 60;
    static final int CACHE_CAPACITY = 10_000;
    /** How long a bot read for a webhook is reused (its status and secrets at most this stale; see the class notes). */
    static final int BOT_TTL_MILLIS = 1_000;
    static final Duration ORDER_WINDOW = Duration.ofHours(24);
    static final Duration BODY_WINDOW = Duration.ofSeconds(60);
    static final String JOB_TYPE = "signal.process";
    static final String PER_MINUTE = "webhooks-per-minute";
    static final String PER_DAY = "webhooks-per-day";
    static final String OPEN_PURPOSE = "webhook authentication";

    private static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(SIGNATURE_WINDOW_MINUTES);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String MASK = "****";

    private record SecretKey(BotId bot, String envelope) {
        @Override
        public String toString() {
            return "SecretKey[" + bot + "]";
        }
    }

    private final Bots bots;
    private final SignalIntake intake;
    private final Signals signals;
    private final SignalJourneys journeys;
    private final WebhookLog log;
    private final Plans plans;
    private final Plan defaultPlan;
    private final SecretVault vault;
    private final Transactions transactions;
    private final TimeSource time;
    private final IdGenerator ids;
    private final int perMinute;
    private final String dummySecret;
    private final ExpiringCache<SecretKey, String> secrets;
    private final ExpiringCache<WorkspaceId, Plan> planCache;
    private final ExpiringCache<BotId, Bot> botCache;

    ReceiveSignalsService(Bots bots, SignalIntake intake, Signals signals, SignalJourneys journeys, WebhookLog log,
                          Plans plans, Plan defaultPlan, SecretVault vault, Transactions transactions, TimeSource time,
                          IdGenerator ids, SecureTokens random, int perMinute) {
        this.bots = Objects.requireNonNull(bots, "bots");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.journeys = Objects.requireNonNull(journeys, "journeys");
        this.log = Objects.requireNonNull(log, "log");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.defaultPlan = Objects.requireNonNull(defaultPlan, "defaultPlan");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (perMinute < 0) {
            throw new IllegalArgumentException("webhooks a minute is 0 (no limit) or more");
        }
        this.perMinute = perMinute;
        // what an unknown bot's credential is compared with: as long as a real secret, known to no one
        this.dummySecret = Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(32));
        Duration ttl = Duration.ofSeconds(SECRET_TTL_SECONDS);
        this.secrets = new ExpiringCache<>(CACHE_CAPACITY, ttl, time);
        this.planCache = new ExpiringCache<>(CACHE_CAPACITY, ttl, time);
        this.botCache = new ExpiringCache<>(CACHE_CAPACITY, Duration.ofMillis(BOT_TTL_MILLIS), time);
    }

    /** What the log row says of a request; filled in as the request goes. */
    private static final class Outcome {
        @Nullable WorkspaceId workspace;
        @Nullable SignalId signal;
        String outcome = "error";
        int status = 500;
        /** Whether the request's log row was written with the signal (then it is not written again). */
        boolean logged;
    }

    @Override
    public WebhookAck receive(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = time.now();
        Outcome outcome = new Outcome();
        WebhookAck ack;
        try {
            ack = handle(request, now, outcome);
        } catch (RuntimeException failure) {
            describe(failure, outcome);
            try {
                record(request, now, outcome);
            } catch (RuntimeException lost) {
                // the answer the sender gets is the first failure's, not the log's
            }
            throw failure;
        }
        if (!outcome.logged) {
            try {
                record(request, now, outcome);
            } catch (RuntimeException lost) {
                // the signal is stored: an error now would make the sender send it again; the log row is what is lost
            }
        }
        return ack;
    }

    private WebhookAck handle(WebhookRequest request, Instant now, Outcome outcome) {
        String body = request.body();
        if (body.length() > Signal.MAX_BODY_BYTES
                || (body.length() * 3L > Signal.MAX_BODY_BYTES
                && body.getBytes(StandardCharsets.UTF_8).length > Signal.MAX_BODY_BYTES)) {
            throw new Invalid("the body is too large", List.of(new FieldError("body",
                    "at most " + Signal.MAX_BODY_BYTES + " bytes")));
        }
        BotId botId = botId(request.botId());
        WebhookBody parsed = WebhookBody.read(body, request.contentType());
        Bot bot = authenticate(request, parsed, botId, now);
        outcome.workspace = bot.workspace();

        Plan plan = planCache.get(bot.workspace(), w -> plans.find(w).orElse(defaultPlan));
        limit(bot, plan, now);

        if (!parsed.problems().isEmpty()) {
            throw new Invalid("the webhook body cannot be read", parsed.problems());
        }
        SignalFields.Result read = SignalFields.read(parsed, bot.assetType());
        SignalFields fields = read.fields();
        if (fields == null) {
            throw new Invalid("the webhook body cannot be read", read.errors());
        }
        String key;
        Duration window;
        if (fields.orderId() != null) {
            key = "order:" + fields.orderId();
            window = ORDER_WINDOW;
        } else {
            key = "body:" + fields.bodyHash();
            window = BODY_WINDOW;
        }
        SignalId id = new SignalId(ids.newId());
        Signal signal = new Signal(id, bot.workspace(), bot.id(), now, SignalStatus.RECEIVED, null, key,
                kept(parsed, request, parsed.secret()), cut(request.contentType()), fields.action(), fields.symbol(),
                fields.quantity(), fields.price(), fields.stopLoss(), fields.takeProfit(), fields.orderId(), null);

        SignalRecording recording;
        if (bot.isActive()) {
            // the log row is written in the signal's own commit: one commit per accepted webhook
            // one job per signal (its id the key), due when it was received; a bot's jobs run one at a time, in
            // the order they were received
            recording = intake.accept(signal, window, new NewJob(JOB_TYPE, bot.workspace(), id.toString(), now,
                    "signal:" + id, orderingKey(bot.id())), new WebhookLog.Attempt(request.botId(), bot.workspace(), now, "accepted", 200,
                    id.toString(), request.ip()));
            outcome.logged = true;
            outcome.outcome = "accepted";
        } else {
            recording = transactions.inTransaction(() -> {
                SignalRecording recorded = signals.record(signal, window);
                if (recorded instanceof SignalRecording.Recorded) {
                    signals.updateStatus(bot.workspace(), id, SignalStatus.IGNORED,
                            "the bot is " + bot.status() + ": its signals are recorded, not executed", now);
                    journeys.append(bot.workspace(), id, new JourneyStep("ignored", now,
                            Map.of("botStatus", bot.status().name())));
                }
                return recorded;
            });
            outcome.outcome = "ignored";
        }
        outcome.status = 200;
        return switch (recording) {
            case SignalRecording.Recorded recorded -> {
                outcome.signal = recorded.id();
                yield new WebhookAck(recorded.id(), false);
            }
            case SignalRecording.Duplicate duplicate -> {
                outcome.outcome = "duplicate";
                outcome.signal = duplicate.first();
                yield new WebhookAck(duplicate.first(), true);
            }
        };
    }

    /** The bot whose credential the request carries: the cached copy when it accepts it, else the bot as stored now. */
    private Bot authenticate(WebhookRequest request, WebhookBody parsed, BotId botId, Instant now) {
        Optional<Bot> cached = botCache.peek(botId);
        if (cached.isPresent()) {
            try {
                return authenticate(request, parsed, cached, now);
            } catch (NotFound stale) {
                // the cached copy may predate a rotation: a refusal is only ever given on the bot as stored now
            }
        }
        return authenticate(request, parsed, fresh(botId), now);
    }

    /** The bot as stored now (kept for {@value #BOT_TTL_MILLIS} ms for the next webhooks); empty when unknown. */
    private Optional<Bot> fresh(BotId id) {
        Optional<Bot> found = bots.findForWebhook(id);
        found.ifPresent(bot -> botCache.put(id, bot));
        return found;
    }

    /** A bot's signals share a job ordering key: one at a time, in received order (a sell never overtakes its buy). */
    static String orderingKey(BotId bot) {
        return "bot:" + bot.value();
    }

    private static BotId botId(String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new NotFound(NOT_FOUND);
        }
        return new BotId(UUID.fromString(text));
    }

    /**
     * The bot, when the request's first credential is one of its valid secrets; NotFound otherwise, the same for an
     * unknown bot (checked against the dummy), a wrong credential and none at all.
     */
    private Bot authenticate(WebhookRequest request, WebhookBody body, Optional<Bot> found, Instant now) {
        String given = request.pathSecret() != null ? request.pathSecret() : body.secret();
        WebhookSignature signature = null;
        if (given == null) {
            if (request.signature() == null) {
                throw new NotFound(NOT_FOUND);
            }
            signature = WebhookSignature.parse(request.signature());
            if (signature == null) {
                throw new NotFound(NOT_FOUND);
            }
        }
        String current;
        String previous = null;
        if (found.isPresent()) {
            Bot bot = found.get();
            current = open(bot, bot.webhookSecret());
            if (bot.acceptsPreviousSecretAt(now)) {
                previous = open(bot, Objects.requireNonNull(bot.previousSecret()));
            }
        } else {
            current = dummySecret;
        }
        boolean match;
        if (signature != null) {
            match = signature.signedWith(current, request.body());
            match |= previous != null && signature.signedWith(previous, request.body());
        } else {
            match = same(given, current);
            match |= previous != null && same(given, previous);
        }
        if (!match || found.isEmpty()) {
            throw new NotFound(NOT_FOUND);
        }
        if (signature != null) {
            Instant signedAt = Instant.ofEpochSecond(signature.timestamp());
            if (Duration.between(signedAt, now).abs().compareTo(SIGNATURE_WINDOW) > 0) {
                throw new Unauthorized("the signature is more than " + SIGNATURE_WINDOW_MINUTES
                        + " minutes from now: sign each request with the current time");
            }
        }
        return found.get();
    }

    private String open(Bot bot, SealedSecret sealed) {
        return secrets.get(new SecretKey(bot.id(), sealed.envelope()), k -> vault.open(sealed,
                new SecretBinding(bot.workspace(), "bot:" + bot.id()), new SecretUse("system", OPEN_PURPOSE, null)));
    }

    private static boolean same(String given, String secret) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private void limit(Bot bot, Plan plan, Instant now) {
        // the per-bot rate limit guards against runaway alert loops on every plan; 0 turns it off (load tests)
        if (perMinute > 0) {
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            long thisMinute = log.increment("webhook-minute:bot:" + bot.id(), minute, Duration.ofMinutes(2));
            if (thisMinute > perMinute) {
                throw new RateLimited("the bot takes at most " + perMinute + " webhooks a minute", PER_MINUTE,
                        until(now, minute.plus(Duration.ofMinutes(1))));
            }
        }
        if (plan == Plan.UNLIMITED) {
            return;
        }
        Instant day = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        long today = log.increment("webhook-day:workspace:" + bot.workspace(), day, Duration.ofDays(2));
        if (today > plan.webhooksPerDay()) {
            throw new RateLimited("the " + plan + " plan takes " + plan.webhooksPerDay()
                    + " webhooks a day; more are taken from midnight UTC", PER_DAY, until(now, day.plus(Duration.ofDays(1))));
        }
    }

    /** How long until {@code next}, in whole seconds rounded up, at least one. */
    private static Duration until(Instant now, Instant next) {
        long millis = Duration.between(now, next).toMillis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }

    /** The body to keep: without its secret field, and with the secret masked wherever else it appears. */
    private static String kept(WebhookBody parsed, WebhookRequest request, @Nullable String bodySecret) {
        String kept = parsed.kept();
        kept = mask(kept, request.pathSecret());
        return mask(kept, bodySecret);
    }

    private static String mask(String text, @Nullable String secret) {
        return secret == null || secret.isEmpty() || !text.contains(secret) ? text : text.replace(secret, MASK);
    }

    private static @Nullable String cut(@Nullable String contentType) {
        return contentType == null || contentType.length() <= Signal.MAX_FIELD ? contentType
                : contentType.substring(0, Signal.MAX_FIELD);
    }

    private static void describe(RuntimeException failure, Outcome outcome) {
        switch (failure) {
            case NotFound n -> set(outcome, "unauthorized", 404);
            case Unauthorized u -> set(outcome, "unauthorized", 401);
            case Invalid i -> set(outcome, "invalid", 400);
            case RateLimited r -> set(outcome, r.limit().equals(PER_DAY) ? "quota" : "rate-limited", 429);
            case Unavailable u -> set(outcome, "error", 503);
            case BulwarkException b -> set(outcome, "error", 500);
            default -> set(outcome, "error", 500);
        }
    }

    private static void set(Outcome outcome, String what, int status) {
        outcome.outcome = what;
        outcome.status = status;
    }

    private void record(WebhookRequest request, Instant now, Outcome outcome) {
        String signal = outcome.signal == null ? null : outcome.signal.toString();
        log.record(new WebhookLog.Attempt(request.botId(), outcome.workspace, now, outcome.outcome, outcome.status,
                signal, request.ip()));
    }
}
