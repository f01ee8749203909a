package dev.bulwark.host.embedded.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-21T08:00:00Z").toEpochMilli());
    private final UuidV7Generator ids = new UuidV7Generator(() -> Instant.ofEpochMilli(millis.get()), new SecureRandom());

    @Test
    void carriesVersion7TheRfcVariantAndTheClocksMilliseconds() {
        UUID id = ids.newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis.get());
    }

    @Test
    void idsAreStrictlyIncreasingWithinOneMillisecondAndPastCounterOverflow() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // far more than the 12-bit counter holds: borrows later milliseconds
            made.add(ids.newId());
        }
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i)).isGreaterThan(made.get(i - 1));
        }
    }

    @Test
    void aClockThatStepsBackNeverProducesASmallerId() {
        UUID before = ids.newId();
        millis.addAndGet(-60_000);

        assertThat(ids.newId()).isGreaterThan(before);
    }

    @Test
    void idsStayDistinctAcrossThreads() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                executor.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(ids.newId());
                    }
                });
            }
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void newMillisecondsStartTheCounterAtRandomSoIdsAreNotGuessable() {
        Set<Long> counters = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            millis.incrementAndGet();
            counters.add(ids.newId().getMostSignificantBits() & 0xFFF);
        }
        assertThat(counters.size()).isGreaterThan(10);
    }
}
