package dev.bulwark.domain.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signals: what their constructor refuses, and which status moves are allowed. */
class SignalTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    static Signal signal(SignalStatus status, String key, String body, String action, String reason) {
        return new Signal(new SignalId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), new BotId(UUID.randomUUID()), T0,
                status, reason, key, body, "application/json", action, "BTC/USDT", "0.1", null, null, null, "tv-1", null);
    }

    static Signal received(String body) {
        return signal(SignalStatus.RECEIVED, "body:x", body, "buy", null);
    }

    @Nested
    class Construction {
        @Test
        void keepsEverythingAsReceived() {
            Signal s = signal(SignalStatus.RECEIVED, "order:tv-1", " {\"action\": \" BUY \"} ", " BUY ", null);
            assertThat(s.rawBody()).isEqualTo(" {\"action\": \" BUY \"} ");
            assertThat(s.action()).isEqualTo(" BUY ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void refusesABlankIdempotencyKey(String key) {
            assertThatThrownBy(() -> signal(SignalStatus.RECEIVED, key, "{}", null, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesAnIdempotencyKeyOver200() {
            assertThat(signal(SignalStatus.RECEIVED, "k".repeat(200), "{}", null, null).idempotencyKey()).hasSize(200);
            assertThatThrownBy(() -> signal(SignalStatus.RECEIVED, "k".repeat(201), "{}", null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anEmptyBodyIsKept() {
            assertThat(received("").rawBody()).isEmpty();
        }

        @Test
        void aBodyIsAtMost64KibibytesOfUtf8() {
            assertThat(received("a".repeat(Signal.MAX_BODY_BYTES)).rawBody()).hasSize(Signal.MAX_BODY_BYTES);
            assertThatThrownBy(() -> received("a".repeat(Signal.MAX_BODY_BYTES + 1))).isInstanceOf(IllegalArgumentException.class);
            // fewer characters than the limit, more bytes: the euro sign is three bytes
            String euros = "\u20ac".repeat(Signal.MAX_BODY_BYTES / 3 + 1);
            assertThat(euros.length()).isLessThan(Signal.MAX_BODY_BYTES);
            assertThatThrownBy(() -> received(euros)).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"plain ascii", "caf\u00e9 \u00fc", "\u20ac and \u4e2d\u6587", "emoji \ud83d\ude80\ud83d\udcc8", ""})
        void countsUtf8BytesAsTheJdkEncodesThem(String text) {
            assertThat(Signal.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }

        @Test
        void refusesAParsedFieldOver200() {
            assertThatThrownBy(() -> signal(SignalStatus.RECEIVED, "k", "{}", "a".repeat(201), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        }

        @Test
        void cutsALongReasonToItsLimitWithoutSplittingACharacter() {
            assertThat(signal(SignalStatus.FAILED, "k", "{}", null, "r".repeat(5000)).reason()).hasSize(Signal.MAX_REASON);
            String rocketAtTheCut = "r".repeat(Signal.MAX_REASON - 1) + "\ud83d\ude80";
            assertThat(signal(SignalStatus.FAILED, "k", "{}", null, rocketAtTheCut).reason()).hasSize(Signal.MAX_REASON - 1);
        }

        @Test
        void refusesNulls() {
            assertThatThrownBy(() -> new SignalId(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> received(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Statuses {
        @Test
        void theFinalStatusesAreDuplicateIgnoredCompletedAndRejected() {
            assertThat(EnumSet.allOf(SignalStatus.class)).filteredOn(SignalStatus::isFinal)
                    .containsExactlyInAnyOrder(SignalStatus.DUPLICATE, SignalStatus.IGNORED, SignalStatus.COMPLETED, SignalStatus.REJECTED);
        }

        @ParameterizedTest
        @EnumSource(SignalStatus.class)
        void nothingLeavesAFinalStatusAndNothingBecomesADuplicate(SignalStatus from) {
            for (SignalStatus to : SignalStatus.values()) {
                boolean expected = !from.isFinal() && to != SignalStatus.DUPLICATE;
                assertThat(from.canMoveTo(to)).as("%s to %s", from, to).isEqualTo(expected);
            }
        }

        @Test
        void aMoveKeepsTheSignalAndChangesStatusReasonAndTime() {
            Signal s = received("{}");
            Signal failed = s.moveTo(SignalStatus.FAILED, "venue timeout", T0.plusSeconds(1));
            assertThat(failed.status()).isEqualTo(SignalStatus.FAILED);
            assertThat(failed.reason()).isEqualTo("venue timeout");
            assertThat(failed.updatedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(failed.id()).isEqualTo(s.id());
            assertThat(failed.rawBody()).isEqualTo(s.rawBody());
        }

        @Test
        void aMoveOutOfAFinalStatusIsRefused() {
            Signal done = received("{}").moveTo(SignalStatus.COMPLETED, null, T0);
            assertThatThrownBy(() -> done.moveTo(SignalStatus.PROCESSING, null, T0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
