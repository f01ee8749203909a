package dev.bulwark.adapters.persistence.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.venues.VenueAccountFixtures;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class PaperStatesContract extends StoreContract {
    private JooqPaperStates states;
    private WorkspaceId ws;
    private VenueAccountId account;

    @BeforeEach
    void store() {
        states = new JooqPaperStates(database.db());
        ws = newWorkspace();
        account = VenueAccountFixtures.storedAccount(database, ws).id();
    }

    @Test
    void aSavedStateReadsBackWithItsVersionAndEachSaveMovesIt() {
        assertThat(states.load(ws, account)).isEmpty();

        long v1 = states.save(ws, account, "{\"balances\":{\"USDT\":\"10000\"}}", 0, T0);
        assertThat(states.version(ws, account)).isEqualTo(v1);
        long v2 = states.save(ws, account, "{\"balances\":{\"USDT\":\"9000\"}}", v1, T0.plusSeconds(1));
        assertThat(states.version(ws, account)).isEqualTo(v2);

        assertThat(v1).isEqualTo(1);
        assertThat(v2).isEqualTo(2);
        assertThat(states.load(ws, account)).contains(
                new PaperState(account, "{\"balances\":{\"USDT\":\"9000\"}}", 2, micros(T0.plusSeconds(1))));
    }

    @Test
    void aLargeDocumentRoundTrips() {
        String big = "x".repeat(2_000_000);
        states.save(ws, account, big, 0, T0);
        assertThat(states.load(ws, account).orElseThrow().document()).isEqualTo(big);
    }

    @Test
    void aStaleWriteIsAConflictAndChangesNothing() {
        long v1 = states.save(ws, account, "first", 0, T0);
        states.save(ws, account, "second", v1, T0);

        assertThatThrownBy(() -> states.save(ws, account, "stale", v1, T0)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> states.save(ws, account, "also new", 0, T0)).isInstanceOf(Conflict.class);
        assertThat(states.load(ws, account).orElseThrow().document()).isEqualTo("second");
    }

    @Test
    void anotherWorkspaceNeitherReadsNorWritesNorDeletesIt() {
        states.save(ws, account, "mine", 0, T0);
        WorkspaceId stranger = newWorkspace();

        assertThat(states.load(stranger, account)).isEmpty();
        assertThat(states.version(stranger, account)).isZero();
        assertThatThrownBy(() -> states.save(stranger, account, "theirs", 1, T0)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> states.save(stranger, account, "theirs", 0, T0)).isInstanceOf(NotFound.class);
        assertThat(states.delete(stranger, account)).isFalse();
        assertThat(states.load(ws, account).orElseThrow().document()).isEqualTo("mine");
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertThatThrownBy(() -> states.save(ws, new VenueAccountId(UUID.randomUUID()), "x", 0, T0)).isInstanceOf(NotFound.class);
    }

    @Test
    void deleteForgetsTheStateSoAResetStartsAgain() {
        states.save(ws, account, "used", 0, T0);

        assertThat(states.delete(ws, account)).isTrue();
        assertThat(states.delete(ws, account)).isFalse();
        assertThat(states.load(ws, account)).isEmpty();
        assertThat(states.save(ws, account, "fresh", 0, T0)).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> states.save(ws, account, "x", -1, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
