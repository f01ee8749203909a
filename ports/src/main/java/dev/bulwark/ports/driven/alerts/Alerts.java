package dev.bulwark.ports.driven.alerts;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.alerts.Alert;
import dev.bulwark.domain.alerts.AlertId;
import dev.bulwark.domain.alerts.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Alerts, each in one workspace. Every method but {@link #listActive} is scoped by the workspace: another
 * workspace's alert is not found and not changed. Each call joins the caller's transaction when one is open.
 * Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Alerts {
    /** Stores a new alert; {@link dev.bulwark.ports.errors.Conflict} when its id exists. */
    void create(Alert alert);

    Optional<Alert> find(WorkspaceId workspace, AlertId id);

    /** The workspace's alerts, oldest first. */
    List<Alert> list(WorkspaceId workspace);

    /**
     * The ACTIVE alerts of every workspace, for the checker, which runs for everyone: a page of at most
     * {@code limit} (1 to 1000) in id order, after {@code after} (null: from the start). Each alert carries its
     * workspace; whatever the checker does next goes through the scoped methods.
     */
    List<Alert> listActive(@Nullable AlertId after, int limit);

    /**
     * Triggers an ACTIVE alert: TRIGGERED at {@code at} with the {@code message} its owner is sent. True when this
     * call triggered it; false when it was not ACTIVE (already triggered by another checker, or disabled), so only
     * one checker notifies. NotFound when missing.
     */
    boolean markTriggered(WorkspaceId workspace, AlertId id, Instant at, String message);

    /**
     * Re-arms (ACTIVE) or disables (DISABLED) the alert; the alert as stored now. Its last firing is kept.
     *
     * @throws IllegalArgumentException for TRIGGERED: only {@link #markTriggered} triggers
     * @throws dev.bulwark.ports.errors.NotFound when missing
     */
    Alert updateStatus(WorkspaceId workspace, AlertId id, AlertStatus status);

    /** Deletes the alert; NotFound when missing. */
    void delete(WorkspaceId workspace, AlertId id);
}
