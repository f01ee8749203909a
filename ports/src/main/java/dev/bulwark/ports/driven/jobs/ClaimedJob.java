package dev.bulwark.ports.driven.jobs;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A job a worker holds under a lease until {@code leaseExpiresAt}. The {@code leaseToken} is this claim's own:
 * once the lease has expired and another worker claimed the job, completing or failing with the old token does
 * nothing. {@code attempt} counts from 1. {@code orderingKey} is the one it was enqueued with (null: none).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record ClaimedJob(JobId id, String type, @Nullable WorkspaceId workspace, String payload, int attempt,
                         UUID leaseToken, Instant leaseExpiresAt, @Nullable String orderingKey) {
    public ClaimedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(leaseToken, "leaseToken");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1");
        }
    }

    /** A claimed job that has no ordering key. */
    public ClaimedJob(JobId id, String type, @Nullable WorkspaceId workspace, String payload, int attempt,
                      UUID leaseToken, Instant leaseExpiresAt) {
        this(id, type, workspace, payload, attempt, leaseToken, leaseExpiresAt, null);
    }
}
