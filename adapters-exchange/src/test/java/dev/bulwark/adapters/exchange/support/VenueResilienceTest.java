package dev.bulwark.adapters.exchange.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VenueResilienceTest {
    private static final VenueId VENUE = new VenueId("testex");
    private static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(300), 2,
            Duration.ofMillis(1), 3, Duration.ofMillis(200), Duration.ofMillis(50));

    private static VenueUnavailable down() {
        return new VenueUnavailable(VENUE, "503", null);
    }

    @Test
    void aReadIsRetriedAfterAFailureToAnswerAndSucceeds() {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        AtomicInteger calls = new AtomicInteger();

        String answer = resilience.read(() -> {
            if (calls.incrementAndGet() < 3) {
                throw down();
            }
            return "ok";
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aWriteIsNeverRetried() {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> resilience.write(() -> {
            calls.incrementAndGet();
            throw down();
        })).isInstanceOf(VenueUnavailable.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aThrottleIsNotRetriedNorCountedAgainstTheVenue() {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        AtomicInteger calls = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> resilience.read(() -> {
                calls.incrementAndGet();
                throw new RateLimited("slow down", "weight", Duration.ofSeconds(1));
            })).isInstanceOf(RateLimited.class);
        }
        assertThat(calls).hasValue(5);
        assertThat(resilience.state()).isEqualTo(VenueResilience.BreakerState.CLOSED);
    }

    @Test
    void aSlowWriteTimesOutAsAnUnknownOutcome() {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        CountDownLatch never = new CountDownLatch(1);

        assertThatThrownBy(() -> resilience.write(() -> {
            try {
                never.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        })).isInstanceOf(VenueUnavailable.class).hasMessageContaining("no answer within 300 ms");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresFailsFastThenClosesAfterAPause() throws Exception {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> resilience.write(() -> {
                calls.incrementAndGet();
                throw down();
            })).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(resilience.state()).isEqualTo(VenueResilience.BreakerState.OPEN);

        assertThatThrownBy(() -> resilience.write(() -> {
            calls.incrementAndGet();
            return "never sent";
        })).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(calls).as("an open breaker does not call the venue").hasValue(3);

        // after its pause the breaker lets one call through; a success closes it (bounded wait, no fixed sleep)
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String result = null;
        while (result == null && System.nanoTime() < deadline) {
            try {
                result = resilience.write(() -> "back");
            } catch (VenueUnavailable stillOpen) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        assertThat(result).isEqualTo("back");
        assertThat(resilience.state()).isEqualTo(VenueResilience.BreakerState.CLOSED);
    }

    @Test
    void callsBeyondTheDocumentedLimitWaitBrieflyThenAreThrottled() {
        var resilience = new VenueResilience(VENUE, List.of(new RateLimit("orders", 3, Duration.ofMinutes(1), RateLimit.Scope.ACCOUNT)), FAST);
        for (int i = 0; i < 3; i++) {
            assertThat(resilience.read(() -> "ok")).isEqualTo("ok");
        }
        assertThatThrownBy(() -> resilience.read(() -> "too many")).isInstanceOf(RateLimited.class);
    }

    @Test
    void theCircuitReportsTheBreakerAndItsFailures() {
        var resilience = new VenueResilience(VENUE, List.of(), FAST);
        assertThat(resilience.circuit()).isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.CLOSED, 0));
        assertThatThrownBy(() -> resilience.write(() -> {
            throw down();
        })).isInstanceOf(VenueUnavailable.class);
        assertThat(resilience.circuit()).isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.CLOSED, 1));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> resilience.write(() -> {
                throw down();
            })).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(resilience.circuit()).isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.OPEN, 3));
    }

    @Test
    void resiliencesWithTheirOwnLimitsShareOneBreaker() {
        var venueWide = new VenueResilience(VENUE, List.of(), FAST);
        var first = venueWide.withLimits(List.of(new RateLimit("orders", 1, Duration.ofMinutes(1), RateLimit.Scope.ACCOUNT)));
        var second = venueWide.withLimits(List.of(new RateLimit("orders", 10, Duration.ofMinutes(1), RateLimit.Scope.ACCOUNT)));
        assertThat(first.read(() -> "ok")).isEqualTo("ok");
        assertThat(second.read(() -> "ok")).as("each account has its own limiter").isEqualTo("ok");
        assertThatThrownBy(() -> first.read(() -> "too many")).isInstanceOf(RateLimited.class);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> second.write(() -> {
                throw down();
            })).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(venueWide.state()).isEqualTo(VenueResilience.BreakerState.OPEN);
        assertThat(first.state()).as("an outage seen by one account opens the venue's breaker").isEqualTo(VenueResilience.BreakerState.OPEN);
    }

    @Test
    void combinedCircuitsShowTheWorstStateAndAllFailures() {
        var live = new VenueResilience(VENUE, List.of(), FAST);
        var testnet = new VenueResilience(VENUE, List.of(), FAST);
        assertThat(VenueResilience.combined(VENUE, List.of())).isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.CLOSED, 0));
        assertThatThrownBy(() -> live.write(() -> {
            throw down();
        })).isInstanceOf(VenueUnavailable.class);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> testnet.write(() -> {
                throw down();
            })).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(VenueResilience.combined(VENUE, List.of(live, testnet)))
                .isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.OPEN, 4));
        assertThat(VenueResilience.combined(VENUE, List.of(live)))
                .isEqualTo(new VenueCircuit(VENUE, VenueCircuit.State.CLOSED, 1));
    }
}
