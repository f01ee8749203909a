package dev.bulwark.domain.audit;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audited event: who ({@code actor}: {@code user:<id>}, {@code bot:<id>}, {@code api-key:<id>},
 * {@code system}) did what ({@code action}: {@code secret.open}, {@code venue-account.create}, ...) to which
 * thing ({@code target}: {@code venue-account:<id>}), when, from where, with details. Details are plain
 * key/value text and must never hold a secret.
 */
public record AuditEntry(
        UUID id,
        WorkspaceId workspace,
        String actor,
        String action,
        String target,
        @Nullable String correlationId,
        @Nullable String ip,
        @Nullable String userAgent,
        Instant at,
        Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        actor = requireText(actor, "actor", 200);
        action = requireText(action, "action", 100);
        target = requireText(target, "target", 200);
        Objects.requireNonNull(at, "at");
        // sorted, so an entry reads (and stores) the same every time
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
        if (correlationId != null && correlationId.length() > 100) {
            throw new IllegalArgumentException("correlationId is at most 100 characters");
        }
        if (userAgent != null && userAgent.length() > 500) {
            userAgent = userAgent.substring(0, 500);
        }
    }

    private static String requireText(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " is 1 to " + max + " characters");
        }
        return value;
    }
}
