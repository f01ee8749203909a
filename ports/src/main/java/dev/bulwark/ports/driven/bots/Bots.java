package dev.bulwark.ports.driven.bots;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.secrets.SealedSecret;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Bots, each in one workspace. Every method but {@link #findForWebhook} is scoped by the workspace: a bot of
 * another workspace is not found, not changed and not counted. Each call joins the caller's transaction when one
 * is open. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Bots {
    /**
     * Stores a new bot as given (its {@code configVersion} is normally 1). {@link dev.bulwark.ports.errors.Conflict}
     * when the workspace has a bot of the same name (compared ignoring case) or the id exists.
     */
    void create(Bot bot);

    Optional<Bot> find(WorkspaceId workspace, BotId id);

    /**
     * The workspace's bots among {@code ids}, in no particular order (an id not found, or another workspace's, is
     * left out). A store answers in one query.
     */
    default List<Bot> findAll(WorkspaceId workspace, Collection<BotId> ids) {
        return ids.stream().distinct().map(id -> find(workspace, id)).flatMap(Optional::stream).toList();
    }

    /** The workspace's bots by name. */
    List<Bot> list(WorkspaceId workspace);

    /**
     * Stores a configuration change: name, description, asset type, account, mode, sizing and risk of
     * {@code changed}, with its {@code updatedAt}. Optimistic: {@code changed.configVersion()} must be the stored
     * version, which the store then bumps by one; the bot as stored now is returned. Status, secrets and creation
     * time are left alone (they have their own methods). {@link dev.bulwark.ports.errors.NotFound} when there is no
     * such bot in its workspace; {@link dev.bulwark.ports.errors.Conflict} when the version is stale (someone else
     * changed it first: re-read and apply again) or the new name is taken.
     */
    Bot update(Bot changed);

    /** Sets the status (not a configuration change: the version stays); the bot as stored now. NotFound when missing. */
    Bot setStatus(WorkspaceId workspace, BotId id, BotStatus status, Instant at);

    /**
     * Rotates the webhook secret in one step: the current secret becomes the previous one, valid until
     * {@code previousValidUntil} (usually {@code at} + {@link Bot#PREVIOUS_SECRET_GRACE}), and {@code next} becomes
     * current. A previous secret older than that is dropped. Not a configuration change. NotFound when missing.
     */
    Bot rotateSecret(WorkspaceId workspace, BotId id, SealedSecret next, Instant previousValidUntil, Instant at);

    /**
     * Deletes the bot. Its signals stay (they are the record of what was received, and count towards the day's
     * quota). NotFound when missing; {@link dev.bulwark.ports.errors.Conflict} when other records still need it
     * (stop it instead).
     */
    void delete(WorkspaceId workspace, BotId id);

    /** How many bots the workspace has (plan limits). */
    int count(WorkspaceId workspace);

    /**
     * The one read not scoped by a workspace: a webhook URL carries only the bot id, and the workspace is learned
     * from the bot. Knowing a bot id proves nothing, so the caller MUST verify the request's secret (or signature)
     * against the returned bot's sealed secrets before acting on it or revealing anything about it, and must answer
     * a wrong secret exactly as an unknown bot, so ids cannot be probed.
     */
    Optional<Bot> findForWebhook(BotId id);
}
