package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.application.signals.SignalWorld.Next;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ExactlyOncePropertiesTest {
    private static final Next[] OUTCOMES = {Next.FILL, Next.TIMEOUT_AFTER_PLACING, Next.TIMEOUT_BEFORE_PLACING};

    private static Gen<List<Next>> outcomes() {
        return lists().of(integers().between(0, OUTCOMES.length - 1).map(i -> OUTCOMES[i])).ofSizeBetween(0, 12);
    }

    @Test
    void forAnySequenceOfTimeoutsAndSuccessesTheVenueNeverReceivesTwoOrdersForOneSignal() {
        qt().withExamples(300).forAll(outcomes(), lists().of(booleans().all()).ofSizeBetween(1, 30), integers().between(1, 4))
                .checkAssert((script, lookupFailures, signalCount) -> {
                    SignalWorld world = new SignalWorld();
                    world.venue.script.addAll(script);
                    List<SignalId> ids = new ArrayList<>();
                    for (int i = 0; i < signalCount; i++) {
                        ids.add(world.buy("0.001"));
                    }
                    for (int round = 0; round < 60; round++) {
                        world.venue.findFails = lookupFailures.get(round % lookupFailures.size());
                        if (world.process.runOnce("w" + (round % 3), 2) == 0) {
                            var next = world.queue.nextDue();
                            if (next.isPresent()) {
                                world.now = next.get();
                            } else {
                                // every dead job is replayed once the venue answers again, as an operator would
                                world.venue.findFails = false;
                                world.queue.dead(null, 100).forEach(d -> world.queue.replay(null, d.id()));
                                if (world.queue.nextDue().isEmpty()) {
                                    break;
                                }
                            }
                        }
                    }
                    // then the venue answers again and the dead letters are replayed: every signal ends placed once
                    world.venue.findFails = false;
                    world.venue.script.clear();
                    world.queue.dead(null, 100).forEach(d -> world.queue.replay(null, d.id()));
                    world.process();
                    for (SignalId id : ids) {
                        assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
                        long sent = world.venue.placementsFor(ClientOrderIds.entry(id));
                        assertThat(sent).as("orders the venue received for one signal").isLessThanOrEqualTo(1);
                        if (world.stored(id).status() == SignalStatus.COMPLETED) {
                            assertThat(sent).isEqualTo(1);
                        }
                    }
                    assertThat(world.orders.all()).hasSizeLessThanOrEqualTo(signalCount);
                    assertThat(world.position()).isEqualByComparingTo(
                            new java.math.BigDecimal("0.001").multiply(java.math.BigDecimal.valueOf(world.venue.received.size())));
                });
    }
}
