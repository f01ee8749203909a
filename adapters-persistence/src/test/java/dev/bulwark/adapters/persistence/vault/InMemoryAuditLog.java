package dev.bulwark.adapters.persistence.vault;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.ports.driven.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An audit log in a list, for tests; can be told to fail, to prove an unaudited secret is never handed out. */
final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void append(AuditEntry entry) {
        if (failing) {
            throw new IllegalStateException("the audit log is down");
        }
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit) {
        return entries.stream()
                .filter(e -> e.workspace().equals(workspace))
                .filter(e -> target == null || e.target().equals(target))
                .filter(e -> before == null || e.at().isBefore(before))
                .sorted(Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id).reversed())
                .limit(limit)
                .toList();
    }

    synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }

    synchronized void failFromNowOn() {
        failing = true;
    }
}
