package dev.bulwark.adapters.persistence.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.alerts.Alert;
import dev.bulwark.domain.alerts.AlertCondition;
import dev.bulwark.domain.alerts.AlertId;
import dev.bulwark.domain.alerts.AlertStatus;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

abstract class AlertsContract extends StoreContract {
    private static final Instant T1 = T0.plusSeconds(60);
    private static final AlertCondition BTC_ABOVE = new AlertCondition.PriceAbove(Instrument.spot("BTC", "USDT"), new BigDecimal("100000"));

    private JooqAlerts alerts;
    private WorkspaceId ws;

    @BeforeEach
    void store() {
        alerts = new JooqAlerts(database.db());
        ws = newWorkspace();
    }

    static Alert alert(WorkspaceId workspace, String name, AlertCondition condition, Instant createdAt) {
        return new Alert(new AlertId(UUID.randomUUID()), workspace, name, condition, AlertStatus.ACTIVE, createdAt, null, null);
    }

    static Stream<AlertCondition> conditions() {
        return Stream.of(
                BTC_ABOVE,
                new AlertCondition.PriceBelow(new Instrument(new dev.bulwark.domain.money.Asset("ETH"),
                        new dev.bulwark.domain.money.Asset("USDT"), Market.USDM_FUTURES), new BigDecimal("1999.990")),
                new AlertCondition.PortfolioValueBelow(new BigDecimal("25000.50")),
                new AlertCondition.DailyLossAbove(new BigDecimal("0.03")));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void aCreatedAlertReadsBackEqualWhateverItsCondition(AlertCondition condition) {
        var a = alert(ws, "watch", condition, T0);
        alerts.create(a);
        assertThat(alerts.find(ws, a.id())).contains(a);
    }

    @Test
    void aTriggeredAlertWithItsMessageReadsBackEqual() {
        var a = new Alert(new AlertId(UUID.randomUUID()), ws, "fired", BTC_ABOVE, AlertStatus.TRIGGERED, T0, T1, "BTC/USDT at 100001");
        alerts.create(a);
        assertThat(alerts.find(ws, a.id())).contains(a);
    }

    @Test
    void aSecondAlertWithTheSameIdIsAConflict() {
        var a = alert(ws, "first", BTC_ABOVE, T0);
        alerts.create(a);
        var sameId = new Alert(a.id(), ws, "second", BTC_ABOVE, AlertStatus.ACTIVE, T0, null, null);
        assertThatThrownBy(() -> alerts.create(sameId)).isInstanceOf(Conflict.class);
        assertThat(alerts.find(ws, a.id())).contains(a);
    }

    @Test
    void aWorkspacesAlertsAreListedOldestFirst() {
        var newer = alert(ws, "newer", BTC_ABOVE, T1);
        var older = alert(ws, "older", BTC_ABOVE, T0);
        alerts.create(newer);
        alerts.create(older);
        alerts.create(alert(newWorkspace(), "elsewhere", BTC_ABOVE, T0));

        assertThat(alerts.list(ws)).containsExactly(older, newer);
    }

    @Test
    void theCheckerPagesThroughEveryWorkspacesActiveAlertsOnly() {
        WorkspaceId other = newWorkspace();
        List<Alert> active = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var a = alert(i % 2 == 0 ? ws : other, "active " + i, BTC_ABOVE, T0);
            alerts.create(a);
            active.add(a);
        }
        var disabled = alert(ws, "off", BTC_ABOVE, T0);
        var triggered = alert(other, "fired", BTC_ABOVE, T0);
        alerts.create(disabled);
        alerts.create(triggered);
        alerts.updateStatus(ws, disabled.id(), AlertStatus.DISABLED);
        alerts.markTriggered(other, triggered.id(), T1, "fired");

        // other test methods share the database: keep to this test's workspaces
        List<Alert> seen = new ArrayList<>();
        AlertId after = null;
        List<Alert> page;
        do {
            page = alerts.listActive(after, 2);
            page.stream().filter(a -> a.workspace().equals(ws) || a.workspace().equals(other)).forEach(seen::add);
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == 2);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(active);
        assertThatThrownBy(() -> alerts.listActive(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alerts.listActive(null, 1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anActiveAlertTriggersOnceAndRearmingKeepsItsLastFiring() {
        var a = alert(ws, "once", BTC_ABOVE, T0);
        alerts.create(a);

        assertThat(alerts.markTriggered(ws, a.id(), T1, "BTC/USDT at 100001")).isTrue();
        assertThat(alerts.markTriggered(ws, a.id(), T1.plusSeconds(5), "again")).isFalse();

        Alert fired = alerts.find(ws, a.id()).orElseThrow();
        assertThat(fired).isEqualTo(new Alert(a.id(), ws, "once", BTC_ABOVE, AlertStatus.TRIGGERED, T0, T1, "BTC/USDT at 100001"));

        Alert rearmed = alerts.updateStatus(ws, a.id(), AlertStatus.ACTIVE);
        assertThat(rearmed).isEqualTo(new Alert(a.id(), ws, "once", BTC_ABOVE, AlertStatus.ACTIVE, T0, T1, "BTC/USDT at 100001"));
        assertThat(alerts.markTriggered(ws, a.id(), T1.plusSeconds(9), "and again")).isTrue();
    }

    @Test
    void aDisabledAlertDoesNotTrigger() {
        var a = alert(ws, "off", BTC_ABOVE, T0);
        alerts.create(a);
        Alert disabled = alerts.updateStatus(ws, a.id(), AlertStatus.DISABLED);

        assertThat(alerts.markTriggered(ws, a.id(), T1, "no")).isFalse();
        assertThat(alerts.find(ws, a.id())).contains(disabled);
    }

    @Test
    void ofConcurrentCheckersExactlyOneTriggers() throws Exception {
        var a = alert(ws, "contended", BTC_ABOVE, T0);
        alerts.create(a);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String message = "checker " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return alerts.markTriggered(ws, a.id(), T1, message);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheCheckerTriggersAndMessagesAreBounded() {
        var a = alert(ws, "rules", BTC_ABOVE, T0);
        alerts.create(a);
        assertThatThrownBy(() -> alerts.updateStatus(ws, a.id(), AlertStatus.TRIGGERED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alerts.markTriggered(ws, a.id(), T1, "x".repeat(Alert.MAX_MESSAGE + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alerts.find(ws, a.id())).contains(a);
    }

    @Test
    void anUnknownAlertIsNotFound() {
        var unknown = new AlertId(UUID.randomUUID());
        assertThat(alerts.find(ws, unknown)).isEmpty();
        assertThatThrownBy(() -> alerts.markTriggered(ws, unknown, T1, "m")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> alerts.updateStatus(ws, unknown, AlertStatus.DISABLED)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> alerts.delete(ws, unknown)).isInstanceOf(NotFound.class);
    }

    @Test
    void aDeletedAlertIsGone() {
        var a = alert(ws, "gone", BTC_ABOVE, T0);
        alerts.create(a);

        alerts.delete(ws, a.id());

        assertThat(alerts.find(ws, a.id())).isEmpty();
        assertThat(alerts.list(ws)).isEmpty();
        assertThatThrownBy(() -> alerts.delete(ws, a.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void oneWorkspaceNeverReadsOrChangesAnothersAlerts() {
        WorkspaceId a = ws;
        WorkspaceId b = newWorkspace();
        var ofA = alert(a, "mine", BTC_ABOVE, T0);
        var ofB = alert(b, "theirs", BTC_ABOVE, T0);
        alerts.create(ofA);
        alerts.create(ofB);

        assertThat(alerts.list(a)).containsExactly(ofA);
        assertThat(alerts.list(b)).containsExactly(ofB);
        assertThat(alerts.find(b, ofA.id())).isEmpty();
        assertThatThrownBy(() -> alerts.markTriggered(b, ofA.id(), T1, "m")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> alerts.updateStatus(b, ofA.id(), AlertStatus.DISABLED)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> alerts.delete(b, ofA.id())).isInstanceOf(NotFound.class);

        assertThat(alerts.find(a, ofA.id())).contains(ofA);
    }
}
