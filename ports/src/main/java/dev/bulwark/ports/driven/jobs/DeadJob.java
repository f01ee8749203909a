package dev.bulwark.ports.driven.jobs;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A dead-lettered job with the last error that killed it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record DeadJob(JobId id, String type, @Nullable WorkspaceId workspace, String payload, int attempts,
                      String lastError, Instant diedAt) {
}
