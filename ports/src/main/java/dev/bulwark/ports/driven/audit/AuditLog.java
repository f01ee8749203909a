package dev.bulwark.ports.driven.audit;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Append-only audit trail. Joins the caller's transaction, so an audited change and its entry commit together. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface AuditLog {
    void append(AuditEntry entry);

    /**
     * The workspace's entries, newest first, at most {@code limit}; {@code before} pages back (entries strictly
     * older than it), {@code target} narrows to one thing (e.g. {@code venue-account:<id>}).
     */
    List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit);
}
