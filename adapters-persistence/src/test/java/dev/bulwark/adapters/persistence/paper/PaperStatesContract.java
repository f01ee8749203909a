package dev.bulwark.adapters.persistence.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.venues.VenueAccountFixtures;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import dev.bulwark.ports.driven.paper.PaperSave;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class PaperStatesContract extends StoreContract {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instrument ETH = Instrument.spot("ETH", "USDT");
    private static final Instrument BTC_PERP = Instrument.parse("BTC/USDT", Market.USDM_FUTURES);

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

    // ------------------------------------------------------------------------------------------ settled history

    private static PaperHistoryEntry order(String cid, Instrument instrument, Instant at) {
        return PaperHistoryEntry.order(UUID.randomUUID().toString(), new ClientOrderId(cid), instrument, at,
                "{\"order\":\"" + cid + "\"}");
    }

    private static PaperHistoryEntry fill(String tradeId, Instrument instrument, Instant at) {
        return PaperHistoryEntry.fill(tradeId, instrument, at, "{\"fill\":\"" + tradeId + "\"}");
    }

    private static PaperSave settling(String document, long expectedVersion, PaperHistoryEntry... settled) {
        return new PaperSave(document, expectedVersion, T0, List.of(settled), false);
    }

    @Test
    void settledOrdersAndFillsAreFoundByTheirKeysWithEverythingTheySaid() {
        PaperHistoryEntry placed = order("m-1", BTC, T0);
        PaperHistoryEntry first = fill("t-1", BTC, T0);
        PaperHistoryEntry second = fill("t-2", BTC, T0.plusSeconds(60));
        long v1 = states.save(ws, account, settling("one", 0, placed, first));
        states.save(ws, account, settling("two", v1, second));

        assertThat(states.settledOrder(ws, account, new ClientOrderId("m-1"))).contains(placed);
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("m-1"))).isTrue();
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("m-2"))).isFalse();
        assertThat(states.settledOrder(ws, account, new ClientOrderId("m-2"))).isEmpty();
        assertThat(states.settledFills(ws, account, BTC, T0)).containsExactly(first, second);
        assertThat(states.load(ws, account).orElseThrow().document()).isEqualTo("two");
    }

    @Test
    void fillsAreOfTheInstrumentAndMarketAskedForFromTheTimeGivenOnInTheOrderTheySettled() {
        PaperHistoryEntry early = fill("a", BTC, T0.plusSeconds(30));
        PaperHistoryEntry eth = fill("b", ETH, T0.plusSeconds(40));
        PaperHistoryEntry perp = fill("c", BTC_PERP, T0.plusSeconds(40));
        PaperHistoryEntry atSince = fill("d", BTC, T0.plusSeconds(50));
        // settled later but stamped earlier (a catch-up times its fills within past candles): settling order wins
        PaperHistoryEntry late = fill("e", BTC, T0.plusSeconds(55));
        PaperHistoryEntry lateButEarlier = fill("f", BTC, T0.plusSeconds(52));
        long v1 = states.save(ws, account, settling("1", 0, early, eth, perp, atSince));
        states.save(ws, account, settling("2", v1, late, lateButEarlier, order("o", BTC, T0.plusSeconds(60))));

        assertThat(states.settledFills(ws, account, BTC, T0.plusSeconds(50))).containsExactly(atSince, late, lateButEarlier);
        assertThat(states.settledFills(ws, account, BTC, T0)).hasSize(4);
        assertThat(states.settledFills(ws, account, ETH, T0)).containsExactly(eth);
        assertThat(states.settledFills(ws, account, BTC_PERP, T0)).containsExactly(perp);
        assertThat(states.settledFills(ws, account, BTC, T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void theLatestSettledOrderOfAClientIdIsTheOneAppendedLast() {
        PaperHistoryEntry older = order("same", BTC, T0.plusSeconds(10));
        PaperHistoryEntry newer = order("same", ETH, T0);
        long v1 = states.save(ws, account, settling("1", 0, older));
        states.save(ws, account, settling("2", v1, fill("x", BTC, T0), newer));

        assertThat(states.settledOrder(ws, account, new ClientOrderId("same"))).contains(newer);
    }

    @Test
    void aConflictingSaveLeavesNoHistoryRowsBehind() {
        long v1 = states.save(ws, account, "first", 0, T0);
        states.save(ws, account, "second", v1, T0);

        assertThatThrownBy(() -> states.save(ws, account, settling("stale", v1, order("lost", BTC, T0), fill("lost-1", BTC, T0))))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> states.save(ws, account, settling("also new", 0, order("lost-too", BTC, T0))))
                .isInstanceOf(Conflict.class);

        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("lost"))).isFalse();
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("lost-too"))).isFalse();
        assertThat(states.settledFills(ws, account, BTC, T0)).isEmpty();
        assertThat(states.load(ws, account).orElseThrow().document()).isEqualTo("second");
    }

    @Test
    void anEntryAppendedTwiceUndoesTheWholeSaveDocumentIncluded() {
        PaperHistoryEntry once = fill("t-1", BTC, T0);
        long v1 = states.save(ws, account, settling("first", 0, once));

        assertThatThrownBy(() -> states.save(ws, account, settling("second", v1, order("new", BTC, T0), once)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(states.load(ws, account).orElseThrow()).extracting(PaperState::document, PaperState::version)
                .containsExactly("first", v1);
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("new"))).isFalse();
        assertThat(states.settledFills(ws, account, BTC, T0)).containsExactly(once);
    }

    @Test
    void aSaveThatForgetsTheHistoryKeepsOnlyWhatItSettlesItself() {
        long v1 = states.save(ws, account, settling("used", 0, order("before", BTC, T0), fill("before-1", BTC, T0)));
        PaperHistoryEntry after = order("after", BTC, T0);

        long v2 = states.save(ws, account, new PaperSave("reset", v1, T0, List.of(after), true));

        assertThat(v2).isEqualTo(2);
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("before"))).isFalse();
        assertThat(states.settledFills(ws, account, BTC, T0)).isEmpty();
        assertThat(states.settledOrder(ws, account, new ClientOrderId("after"))).contains(after);
    }

    @Test
    void deleteForgetsTheHistoryToo() {
        states.save(ws, account, settling("used", 0, order("gone", BTC, T0), fill("gone-1", BTC, T0)));

        assertThat(states.delete(ws, account)).isTrue();

        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("gone"))).isFalse();
        assertThat(states.settledFills(ws, account, BTC, T0)).isEmpty();
        states.save(ws, account, settling("fresh", 0, fill("gone-1", BTC, T0)));
        assertThat(states.settledFills(ws, account, BTC, T0)).hasSize(1);
    }

    @Test
    void anotherWorkspaceNeitherReadsNorWritesTheHistory() {
        long v1 = states.save(ws, account, settling("mine", 0, order("mine", BTC, T0), fill("mine-1", BTC, T0)));
        WorkspaceId stranger = newWorkspace();

        assertThat(states.settledOrder(stranger, account, new ClientOrderId("mine"))).isEmpty();
        assertThat(states.hasSettledOrder(stranger, account, new ClientOrderId("mine"))).isFalse();
        assertThat(states.settledFills(stranger, account, BTC, T0)).isEmpty();
        assertThatThrownBy(() -> states.save(stranger, account, settling("theirs", v1, order("theirs", BTC, T0))))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> states.save(stranger, account, new PaperSave("theirs", v1, T0, List.of(), true)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> states.save(stranger, account, settling("theirs", 0, order("theirs", BTC, T0))))
                .isInstanceOf(NotFound.class);

        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("theirs"))).isFalse();
        assertThat(states.hasSettledOrder(ws, account, new ClientOrderId("mine"))).isTrue();
        assertThat(states.settledFills(ws, account, BTC, T0)).hasSize(1);
    }

    @Test
    void aSaveSettlingThousandsAtOnceKeepsThemAllInOrder() {
        // a format-1 document carried every order and fill: its first save settles them all
        List<PaperHistoryEntry> many = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            many.add(fill("t-" + i, BTC, T0.plusSeconds(i)));
        }
        states.save(ws, account, new PaperSave("migrated", 0, T0, many, false));

        assertThat(states.settledFills(ws, account, BTC, T0)).containsExactlyElementsOf(many);
    }

    @Test
    void settlingTheSameEntryTwiceInOneSaveIsRefused() {
        PaperHistoryEntry twice = fill("t-1", BTC, T0);
        assertThatThrownBy(() -> new PaperSave("x", 0, T0, List.of(twice, twice), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
