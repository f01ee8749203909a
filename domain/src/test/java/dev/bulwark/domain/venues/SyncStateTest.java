package dev.bulwark.domain.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.venues.SyncState.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncStateTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aNewAccountWasNeverSynchronised() {
        assertThat(SyncState.never()).isEqualTo(new SyncState(Status.NEVER, null, null));
        assertThatThrownBy(() -> new SyncState(Status.NEVER, T0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncState(Status.NEVER, null, "boom")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncingKeepsTheEndOfThePreviousAttemptAndDropsItsError() {
        assertThat(SyncState.never().syncing()).isEqualTo(new SyncState(Status.SYNCING, null, null));
        assertThat(SyncState.failed(T0, "timeout").syncing()).isEqualTo(new SyncState(Status.SYNCING, T0, null));
        assertThatThrownBy(() -> new SyncState(Status.SYNCING, T0, "boom")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectedHasItsTimeAndNoError() {
        assertThat(SyncState.connected(T0).lastSyncAt()).isEqualTo(T0);
        assertThatThrownBy(() -> new SyncState(Status.CONNECTED, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncState(Status.CONNECTED, T0, "stale")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedHasItsTimeAndItsError() {
        assertThat(SyncState.failed(T0, " invalid key ")).isEqualTo(new SyncState(Status.FAILED, T0, "invalid key"));
        assertThat(SyncState.failed(T0, " ").lastError()).isEqualTo("unknown error");
        assertThatThrownBy(() -> new SyncState(Status.FAILED, T0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncState(Status.FAILED, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncState(Status.FAILED, T0, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncState(Status.FAILED, T0, "x".repeat(1001))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongErrorIsCutNotLostAndNeverSplitsACharacter() {
        String cut = SyncState.failed(T0, "e".repeat(5000)).lastError();
        assertThat(cut).hasSize(SyncState.MAX_ERROR_LENGTH).endsWith("\u2026");
        String emoji = "e".repeat(SyncState.MAX_ERROR_LENGTH - 2) + "\uD83D\uDE00" + "tail";
        String cutEmoji = SyncState.failed(T0, emoji).lastError();
        assertThat(Character.isHighSurrogate(cutEmoji.charAt(cutEmoji.length() - 2))).isFalse();
        assertThat(cutEmoji).hasSizeLessThanOrEqualTo(SyncState.MAX_ERROR_LENGTH);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new SyncState(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SyncState.connected(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SyncState.failed(T0, null)).isInstanceOf(NullPointerException.class);
    }
}
