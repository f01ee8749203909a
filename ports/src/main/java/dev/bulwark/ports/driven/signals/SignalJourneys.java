package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.SignalId;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The receipts of signals: each step of a signal's journey, in order. Scoped by workspace; joins the caller's
 * transaction (a decision and its step commit together). Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SignalJourneys {
    /** Appends a step; NotFound when the workspace has no such signal. */
    void append(WorkspaceId workspace, SignalId signal, JourneyStep step);

    /** One step of one signal's journey, for appending many signals' steps at once ({@link #appendEach}). */
    record Entry(WorkspaceId workspace, SignalId signal, JourneyStep step) {
        public Entry {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * Appends the entries in order, of one signal or many (a batch's), as {@link #append} would one by one, in one
     * round of statements; NotFound when one's signal does not exist in its workspace, and then none of them is
     * appended (the caller's transaction rolls back, or the store's own when the caller has none).
     */
    default void appendEach(List<Entry> entries) {
        for (Entry entry : entries) {
            append(entry.workspace(), entry.signal(), entry.step());
        }
    }

    /** The signal's steps in the order they were appended; empty for another workspace's signal. */
    List<JourneyStep> steps(WorkspaceId workspace, SignalId signal);
}
