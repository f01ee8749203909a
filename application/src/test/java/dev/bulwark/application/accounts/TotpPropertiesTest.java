package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * TOTP replay protection under any sequence of attempts: codes of the steps around now, presented at times moving
 * forward by 0 to 2 minutes, in any order.
 */
class TotpPropertiesTest {
    private static final int EXAMPLES = 2_000;
    private static final User USER = new User(new UserId(new UUID(1, 1)), "ann@example.com",
            new PasswordHash("$fake$v=1$00"), new WorkspaceId(new UUID(2, 2)), Instant.EPOCH, Instant.EPOCH);

    /** One attempt: seconds to wait before it (0..120), and which step's code it presents (now -2 .. now +2). */
    private record Attempt(int waitSeconds, int stepOffset) {
        static Attempt of(int encoded) {
            return new Attempt(encoded / 5, encoded % 5 - 2);
        }
    }

    @Test
    void aTimeStepIsAcceptedAtMostOnceAndOnlyNearNowAndAFreshCurrentCodeIsNeverRefused() {
        qt().withExamples(EXAMPLES)
                .forAll(longs().all(), longs().between(1_000, 4_000_000_000L),
                        lists().of(integers().between(0, 604)).ofSizeBetween(1, 25))
                .checkAssert((seedSource, startSecond, encoded) -> {
                    List<Attempt> attempts = encoded.stream().map(Attempt::of).toList();
                    byte[] seed = new byte[20];
                    new Random(seedSource).nextBytes(seed);
                    Fakes.FakeTwoFactorSecrets store = new Fakes.FakeTwoFactorSecrets();
                    Fakes.FakeVault vault = new Fakes.FakeVault();
                    SecondFactors factors = new SecondFactors(store, vault, new Tokens(new Fakes.Randomness()));
                    store.save(new TwoFactor(USER.id(), vault.seal(Totp.base32(seed), SecondFactors.binding(USER)), true, 0,
                            Instant.EPOCH));

                    Instant now = Instant.ofEpochSecond(startSecond);
                    for (Attempt attempt : attempts) {
                        now = now.plusSeconds(attempt.waitSeconds());
                        long current = Totp.step(now);
                        long presentedStep = current + attempt.stepOffset();
                        long before = store.find(USER.id()).orElseThrow().lastUsedStep();

                        boolean accepted = factors.verifyTotp(USER, store.find(USER.id()).orElseThrow(),
                                Totp.code(seed, presentedStep, 6), now, "user:test");

                        long after = store.find(USER.id()).orElseThrow().lastUsedStep();
                        if (accepted) {
                            // the accepted step is new (later than any used) and within one step of now
                            assertThat(after).isGreaterThan(before).isBetween(current - 1, current + 1);
                        } else {
                            assertThat(after).isEqualTo(before);
                        }
                        if (Math.abs(attempt.stepOffset()) <= 1 && presentedStep > before) {
                            assertThat(accepted).as("a fresh code of step %d at step %d", presentedStep, current).isTrue();
                        }
                    }
                });
    }
}
