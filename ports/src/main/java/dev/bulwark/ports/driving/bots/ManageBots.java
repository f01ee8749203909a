package dev.bulwark.ports.driving.bots;

import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.BotCommands.CloneBot;
import dev.bulwark.ports.driving.bots.BotCommands.CreateBot;
import dev.bulwark.ports.driving.bots.BotCommands.SetStatus;
import dev.bulwark.ports.driving.bots.BotCommands.UpdateBot;
import dev.bulwark.ports.driving.bots.BotViews.BotCreated;
import dev.bulwark.ports.driving.bots.BotViews.BotSummary;
import dev.bulwark.ports.driving.bots.BotViews.BotView;
import dev.bulwark.ports.driving.bots.BotViews.DeadLetter;
import dev.bulwark.ports.driving.bots.BotViews.SecretRotated;
import dev.bulwark.ports.driving.bots.BotViews.SignalReceipt;
import dev.bulwark.ports.driving.bots.BotViews.SignalView;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's bots. Reading needs READ; changes need TRADE (a trader or owner); LIVE needs a second factor and a
 * plan that allows it. The plan limits the number of bots (Forbidden naming the limit, e.g. {@code plan-bots}).
 * Stranger ids are NotFound.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ManageBots {
    /** Creates an ACTIVE bot with a fresh webhook secret (at least 128 bits), shown once. */
    BotCreated create(Principal principal, CreateBot command);

    List<BotView> list(Principal principal);

    BotView get(Principal principal, BotId id);

    BotView update(Principal principal, BotId id, UpdateBot command);

    /** A copy of the configuration under a new name, PAUSED, with its own new secret. */
    BotCreated clone(Principal principal, BotId id, CloneBot command);

    /**
     * Deletes the bot when {@code confirmed}; without confirmation nothing changes and the answer is a
     * {@link dev.bulwark.ports.errors.Conflict} saying to confirm (a second call with the flag).
     */
    void delete(Principal principal, BotId id, boolean confirmed);

    BotView setStatus(Principal principal, BotId id, SetStatus command);

    /** A new webhook secret, shown once; the old one keeps working for 10 minutes. */
    SecretRotated rotateSecret(Principal principal, BotId id);

    BotSummary summary(Principal principal, BotId id);

    /** The bot's signals, newest first, older than {@code before} (null: from the newest), at most {@code limit} (1..200). */
    List<SignalView> signals(Principal principal, BotId id, @Nullable Instant before, int limit);

    /** A signal's journey with every input its decisions used. */
    SignalReceipt receipt(Principal principal, SignalId id);

    /** Signals whose every attempt failed, newest first (1..200). */
    List<DeadLetter> deadLetters(Principal principal, int limit);

    /** Brings a dead signal back for processing; NotFound when it is not a dead letter of the workspace. */
    void replay(Principal principal, SignalId id);
}
