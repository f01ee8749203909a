package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.ports.errors.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Setup tokens are not owned by a workspace, and consuming one spends every token in the database: each test
 * creates the tokens it consumes, and tests run one after the other within a class.
 */
abstract class SetupTokensContract extends StoreContract {
    static final Duration VALID = Duration.ofHours(1);

    private JooqSetupTokens tokens() {
        return new JooqSetupTokens(database.db());
    }

    private String create(Instant createdAt) {
        String hash = sha256(UUID.randomUUID().toString());
        tokens().create(hash, createdAt, createdAt.plus(VALID));
        return hash;
    }

    @Test
    void aKnownUnexpiredTokenIsSpentExactlyOnce() {
        String token = create(T0);

        assertThat(tokens().consume(token, T0.plusSeconds(1))).isTrue();
        assertThat(tokens().consume(token, T0.plusSeconds(2))).isFalse();
    }

    @Test
    void spendingOneTokenSpendsEveryToken() {
        String first = create(T0);
        String second = create(T0);
        String third = create(T0.plusSeconds(5));

        assertThat(tokens().consume(second, T0.plusSeconds(10))).isTrue();

        assertThat(tokens().consume(first, T0.plusSeconds(11))).isFalse();
        assertThat(tokens().consume(third, T0.plusSeconds(11))).isFalse();
    }

    @Test
    void anUnknownOrMalformedTokenIsNotSpentAndSpendsNothing() {
        String token = create(T0);

        assertThat(tokens().consume(sha256("never issued"), T0.plusSeconds(1))).isFalse();
        assertThat(tokens().consume("not a hash", T0.plusSeconds(1))).isFalse();
        assertThat(tokens().consume("", T0.plusSeconds(1))).isFalse();
        assertThat(tokens().consume(token.toUpperCase(Locale.ROOT), T0.plusSeconds(1))).as("hashes are lower case").isFalse();

        assertThat(tokens().consume(token, T0.plusSeconds(2))).as("the real one still works").isTrue();
    }

    @Test
    void anExpiredTokenIsNotSpentAndSpendsNothing() {
        String expired = create(T0);
        String valid = create(T0.plus(VALID));

        assertThat(tokens().consume(expired, T0.plus(VALID))).as("valid only before it expires").isFalse();
        assertThat(tokens().consume(expired, T0.plus(VALID).plusSeconds(1))).isFalse();

        assertThat(tokens().consume(valid, T0.plus(VALID).plusSeconds(1))).isTrue();
    }

    @Test
    void aTokenIsSpentAMomentBeforeItExpires() {
        String token = create(T0);

        assertThat(tokens().consume(token, T0.plus(VALID).minusNanos(1000))).isTrue();
    }

    @Test
    void theSameHashTwiceIsAConflict() {
        String token = create(T0);

        assertThatThrownBy(() -> tokens().create(token, T0.plusSeconds(1), T0.plus(VALID).plusSeconds(1))).isInstanceOf(Conflict.class);
        assertThat(tokens().consume(token, T0.plusSeconds(2))).as("the first stays as it was").isTrue();
    }

    @Test
    void creatingRefusesAMalformedHashOrAnExpiryNotAfterCreation() {
        String upper = sha256("x").toUpperCase(Locale.ROOT);
        assertThatThrownBy(() -> tokens().create(upper, T0, T0.plus(VALID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(upper);
        assertThatThrownBy(() -> tokens().create("abc", T0, T0.plus(VALID))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().create(sha256("x") + "0", T0, T0.plus(VALID))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().create(sha256("x"), T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens().create(sha256("x"), T0, T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);

        assertThat(tokens().consume(sha256("x"), T0)).as("nothing was stored").isFalse();
    }

    @Test
    void ofEightConcurrentConsumersOfOneTokenExactlyOneWins() throws InterruptedException {
        String token = create(T0);

        List<Object> results = AccountFixtures.race(8, () -> tokens().consume(token, T0.plusSeconds(1)));

        assertThat(results).containsOnly(true, false);
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
    }

    @Test
    void ofEightConcurrentConsumersOfEightTokensExactlyOneWinsAndNoneFails() throws InterruptedException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(create(T0));
        }
        AtomicInteger next = new AtomicInteger();

        // each spends every token: without one lock order two of them would deadlock, or both win
        List<Object> results = AccountFixtures.race(8, () -> tokens().consume(tokens.get(next.getAndIncrement()), T0.plusSeconds(1)));

        assertThat(results).containsOnly(true, false);
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(tokens).allSatisfy(token -> assertThat(tokens().consume(token, T0.plusSeconds(2))).isFalse());
    }

    @Test
    void consumingJoinsTheCallersTransaction() {
        String token = create(T0);

        assertThatThrownBy(() -> database.transactions().inTransaction((Runnable) () -> {
            assertThat(tokens().consume(token, T0.plusSeconds(1))).isTrue();
            throw new IllegalStateException("the first user could not be registered");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(tokens().consume(token, T0.plusSeconds(2))).as("rolled back with the caller: still unspent").isTrue();
    }
}
