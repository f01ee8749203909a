package dev.bulwark.ports.driven.jobs;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue. {@code type} names the handler ({@code signal.process}); {@code payload} is the handler's own
 * opaque text (usually an id); {@code runAt} schedules it (null: now); an {@code idempotencyKey} makes a second
 * enqueue of the same key (per type) return the first job instead of adding one. Jobs that share an
 * {@code orderingKey} (one bot's signals: {@code bot:<id>}) run one at a time, in the order they were first due,
 * then enqueued: see {@link JobQueue#claim}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record NewJob(String type, @Nullable WorkspaceId workspace, String payload, @Nullable Instant runAt,
                     @Nullable String idempotencyKey, @Nullable String orderingKey) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,63}");
    public static final int MAX_PAYLOAD = 16_384;
    public static final int MAX_KEY = 200;

    public NewJob {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("a job type is lower case letters, digits, '.' and '-', 1 to 64 long, was '" + type + "'");
        }
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a job payload is at most " + MAX_PAYLOAD + " characters; store data elsewhere and pass its id");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY)) {
            throw new IllegalArgumentException("an idempotency key is 1 to " + MAX_KEY + " characters");
        }
        if (orderingKey != null && (orderingKey.isBlank() || orderingKey.length() > MAX_KEY)) {
            throw new IllegalArgumentException("an ordering key is 1 to " + MAX_KEY + " characters");
        }
    }

    /** A job with no ordering key: it runs whenever it is due, beside any other job. */
    public NewJob(String type, @Nullable WorkspaceId workspace, String payload, @Nullable Instant runAt,
                  @Nullable String idempotencyKey) {
        this(type, workspace, payload, runAt, idempotencyKey, null);
    }

    public static NewJob now(String type, @Nullable WorkspaceId workspace, String payload) {
        return new NewJob(type, workspace, payload, null, null, null);
    }
}
