package dev.bulwark.application.accounts;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.system.IdGenerator;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Writes the audit entry of a security change. Details are plain facts (a role, a count), never a secret. */
final class Audit {
    private final AuditLog log;
    private final IdGenerator ids;

    Audit(AuditLog log, IdGenerator ids) {
        this.log = Objects.requireNonNull(log, "log");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    void record(WorkspaceId workspace, String actor, String action, String target, Instant at, Map<String, String> details) {
        record(workspace, actor, action, target, at, null, null, details);
    }

    void record(WorkspaceId workspace, String actor, String action, String target, Instant at, @Nullable String ip,
                @Nullable String userAgent, Map<String, String> details) {
        log.append(new AuditEntry(ids.newId(), workspace, actor, action, target, null, ip, userAgent, at, details));
    }
}
