package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Every webhook request with its outcome (never its secret), and the shared counters behind the webhook rate limit
 * and daily quota, so limits hold across every process on the database. Thread-safe; each call is its own short
 * transaction unless one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface WebhookLog {
    /**
     * One request as answered.
     *
     * @param bot the bot id as the URL named it (it may name no bot), at most 64 characters
     * @param workspace the bot's workspace when the request authenticated, else null (stranger requests belong to none)
     * @param outcome {@code accepted}, {@code duplicate}, {@code ignored}, {@code unauthorized}, {@code invalid},
     *     {@code rate-limited}, {@code quota}, {@code error}
     */
    record Attempt(String bot, @Nullable WorkspaceId workspace, Instant at, String outcome, int status,
                   @Nullable String signalId, @Nullable String ip) {
        public Attempt {
            Objects.requireNonNull(bot, "bot");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
            bot = bot.length() > 64 ? bot.substring(0, 64) : bot;
        }
    }

    void record(Attempt attempt);

    /**
     * Adds one to the counter {@code key} for the window starting at {@code windowStart} and returns the new count;
     * counters of windows older than {@code keep} may be forgotten. Atomic across processes.
     */
    long increment(String key, Instant windowStart, Duration keep);
}
