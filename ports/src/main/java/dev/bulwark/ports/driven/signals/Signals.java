package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Signals: every webhook a bot received. Every method is scoped by the workspace: another workspace's signal is
 * not found, not changed and not counted. Each call joins the caller's transaction when one is open, so a signal
 * and its job commit together. Thread-safe, across processes sharing the database too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Signals {
    /**
     * Records a new signal (status RECEIVED) once per idempotency key and window. When the bot recorded the same
     * {@code idempotencyKey} less than {@code window} before {@code signal.receivedAt()}, the signal is a
     * {@link SignalRecording.Duplicate} of that first signal: it is stored too, with status DUPLICATE and a reason
     * naming the first, and must not be processed. From {@code window} after the first on, the key is free and the
     * next signal with it is {@link SignalRecording.Recorded} (it becomes the first of a new window).
     *
     * <p>Race-free: of concurrent calls with one key, in any number of processes, exactly one is Recorded and the
     * others name it. Inside the caller's transaction, a second caller with the same key waits until the first
     * commits (then it is a duplicate) or rolls back (then it may record): keep that transaction short.
     *
     * @throws IllegalArgumentException when the signal is not RECEIVED or the window is not positive
     * @throws dev.bulwark.ports.errors.Conflict when a signal with this id exists already
     */
    SignalRecording record(Signal signal, Duration window);

    Optional<Signal> find(WorkspaceId workspace, SignalId id);

    /**
     * The workspace's signals among {@code ids}, in no particular order (an id not found, or another workspace's,
     * is left out): what a worker reads once for the batch it claimed. A store answers in one query.
     */
    default List<Signal> findAll(WorkspaceId workspace, Collection<SignalId> ids) {
        return ids.stream().distinct().map(id -> find(workspace, id)).flatMap(Optional::stream).toList();
    }

    /**
     * Moves the signal to {@code status} with {@code reason}, changed at {@code at}; the signal as stored now.
     * Race-free: of two concurrent moves out of a non-final status both apply in turn, but once one has stored a
     * final status every later move is refused.
     *
     * @throws IllegalArgumentException when {@code status} is DUPLICATE (decided only by {@link #record})
     * @throws dev.bulwark.ports.errors.NotFound when there is no such signal in the workspace
     * @throws dev.bulwark.ports.errors.Conflict when its status is final already
     */
    Signal updateStatus(WorkspaceId workspace, SignalId id, SignalStatus status, @Nullable String reason, Instant at);

    /**
     * A page of the bot's signals, newest first: at most {@code limit} (1 to 500), after {@code cursor} (null: from
     * the newest). Duplicates are listed too.
     */
    List<Signal> listForBot(WorkspaceId workspace, BotId bot, @Nullable SignalCursor cursor, int limit);

    /**
     * How many signals the workspace received at or after {@code since}, duplicates and deleted bots' signals
     * included: every request counts towards the daily quota.
     */
    long countSince(WorkspaceId workspace, Instant since);
}
