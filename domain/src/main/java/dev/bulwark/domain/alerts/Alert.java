package dev.bulwark.domain.alerts;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alert a workspace set up. {@code triggeredAt} and {@code lastMessage} tell when it last fired and what its
 * owner was told; they stay after it is re-armed, so the last firing is still shown.
 */
public record Alert(
        AlertId id,
        WorkspaceId workspace,
        String name,
        AlertCondition condition,
        AlertStatus status,
        Instant createdAt,
        @Nullable Instant triggeredAt,
        @Nullable String lastMessage) {

    public static final int MAX_NAME = 100;
    public static final int MAX_MESSAGE = 1_000;

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("an alert name is 1 to " + MAX_NAME + " characters");
        }
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (status == AlertStatus.TRIGGERED && triggeredAt == null) {
            throw new IllegalArgumentException("a triggered alert says when it triggered");
        }
        if (lastMessage != null && lastMessage.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("an alert message is at most " + MAX_MESSAGE + " characters");
        }
    }
}
