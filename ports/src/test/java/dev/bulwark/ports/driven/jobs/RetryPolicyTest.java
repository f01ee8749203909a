package dev.bulwark.ports.driven.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void theDefaultIsTheFirstAttemptPlusThreeRetries() {
        assertThat(policy.retriesAfter(1)).isTrue();
        assertThat(policy.retriesAfter(3)).isTrue();
        assertThat(policy.retriesAfter(4)).isFalse();
    }

    @Test
    void delaysDoubleWithinEqualJitterAndStopAtTheCap() {
        for (int i = 0; i < 500; i++) {
            UUID job = new UUID(i * 7919L, i * 104729L);
            for (int attempt = 1; attempt <= 12; attempt++) {
                long full = Math.min(1000L << (attempt - 1), Duration.ofMinutes(5).toMillis());
                assertThat(policy.delayAfter(attempt, job).toMillis()).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void jitterSpreadsJobsThatFailedTogether() {
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            delays.add(policy.delayAfter(3, new UUID(42, i)));
        }
        assertThat(delays.size()).isGreaterThan(80);
    }

    @Test
    void theSameJobAndAttemptAlwaysWaitTheSame() {
        UUID job = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(policy.delayAfter(2, job)).isEqualTo(policy.delayAfter(2, job));
    }

    @Test
    void aHugeAttemptNumberNeitherOverflowsNorPassesTheCap() {
        assertThat(policy.delayAfter(1_000, UUID.randomUUID())).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayAfter(0, UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }
}
