package dev.bulwark.adapters.persistence.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class SignalJourneysContract extends StoreContract {
    private JooqSignalJourneys journeys;
    private WorkspaceId ws;
    private Signal signal;

    @BeforeEach
    void store() {
        journeys = new JooqSignalJourneys(database.db());
        ws = newWorkspace();
        signal = recorded(ws);
    }

    private Signal recorded(WorkspaceId workspace) {
        Signal s = SignalsContract.signal(workspace, new BotId(UUID.randomUUID()), "order:" + UUID.randomUUID(), T0);
        new JooqSignals(database.db()).record(s, Duration.ofSeconds(60));
        return s;
    }

    @Test
    void stepsReadBackInTheOrderTheyWereAppendedWithTheirInputs() {
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("rule.maxOpenPositions.limit", "3");
        risk.put("rule.maxOpenPositions.value", "2");
        risk.put("price", "64000.10");
        risk.put("note", "a&b=c d%e\u20ac\n"); // the codec's own separators and what URL-encoding must escape
        List<JourneyStep> appended = List.of(
                new JourneyStep("received", T0, Map.of()),
                new JourneyStep("parsed", T0.plusMillis(1), Map.of("symbol", "BTC/USDT", "action", "buy")),
                new JourneyStep("sized", T0.plusMillis(2), Map.of("quantity", "0.01000000", "configVersion", "4")),
                // the same instant as the step before: order is append order, not time
                new JourneyStep("risk", T0.plusMillis(2), risk),
                new JourneyStep("placed", T0.plusMillis(3), Map.of("clientOrderId", "bw-1")));

        appended.forEach(step -> journeys.append(ws, signal.id(), step));

        assertThat(journeys.steps(ws, signal.id())).containsExactlyElementsOf(appended);
    }

    @Test
    void appendEachWritesTheStepsInListOrderAfterThoseBefore() {
        JourneyStep first = new JourneyStep("received", T0, Map.of());
        journeys.append(ws, signal.id(), first);
        List<JourneyStep> batch = List.of(
                new JourneyStep("sized", T0.plusMillis(5), Map.of("quantity", "0.01")),
                new JourneyStep("risk", T0.plusMillis(5), Map.of("decision", "approved")),
                new JourneyStep("placed", T0.plusMillis(4), Map.of("how", "sent")));

        journeys.appendEach(entries(ws, batch));
        journeys.appendEach(List.of());

        assertThat(journeys.steps(ws, signal.id())).containsExactly(first, batch.get(0), batch.get(1), batch.get(2));
        assertThatThrownBy(() -> journeys.appendEach(entries(newWorkspace(), batch))).isInstanceOf(NotFound.class);
        assertThat(journeys.steps(ws, signal.id())).hasSize(4);
    }

    @Test
    void appendEachWritesManySignalsStepsInListOrderAndNoneWhenOneSignalIsMissingInsideATransaction() {
        Signal other = recorded(ws);
        JourneyStep a1 = new JourneyStep("processing", T0, Map.of("attempt", "1"));
        JourneyStep b1 = new JourneyStep("processing", T0.plusMillis(1), Map.of("attempt", "1"));
        JourneyStep a2 = new JourneyStep("sized", T0.plusMillis(2), Map.of("quantity", "0.01"));
        JourneyStep b2 = new JourneyStep("completed", T0.plusMillis(3), Map.of("status", "COMPLETED"));

        journeys.appendEach(List.of(new SignalJourneys.Entry(ws, signal.id(), a1), new SignalJourneys.Entry(ws, other.id(), b1),
                new SignalJourneys.Entry(ws, signal.id(), a2), new SignalJourneys.Entry(ws, other.id(), b2)));
        journeys.appendEach(List.of());

        assertThat(journeys.steps(ws, signal.id())).containsExactly(a1, a2);
        assertThat(journeys.steps(ws, other.id())).containsExactly(b1, b2);
        JourneyStep late = new JourneyStep("late", T0.plusMillis(9), Map.of());
        assertThatThrownBy(() -> database.db().inTransaction(() -> journeys.appendEach(List.of(
                new SignalJourneys.Entry(ws, signal.id(), late),
                new SignalJourneys.Entry(ws, new SignalId(UUID.randomUUID()), late)))))
                .as("the second entry's signal does not exist").isInstanceOf(NotFound.class);
        assertThat(journeys.steps(ws, signal.id())).as("the first entry rolled back with it").containsExactly(a1, a2);
        assertThatThrownBy(() -> journeys.appendEach(List.of(new SignalJourneys.Entry(ws, signal.id(), late),
                new SignalJourneys.Entry(newWorkspace(), other.id(), late))))
                .as("outside a transaction: the second entry's signal is another workspace's").isInstanceOf(NotFound.class);
        assertThat(journeys.steps(ws, signal.id())).as("nothing of the call was written").containsExactly(a1, a2);
        assertThat(journeys.steps(ws, other.id())).containsExactly(b1, b2);
    }

    private List<SignalJourneys.Entry> entries(WorkspaceId workspace, List<JourneyStep> steps) {
        return steps.stream().map(step -> new SignalJourneys.Entry(workspace, signal.id(), step)).toList();
    }

    @Test
    void aSignalWithoutStepsHasAnEmptyJourney() {
        assertThat(journeys.steps(ws, signal.id())).isEmpty();
    }

    @Test
    void journeysAreScopedToTheirSignalAndWorkspace() {
        WorkspaceId otherWs = newWorkspace();
        Signal otherSignal = recorded(otherWs);
        Signal sibling = recorded(ws);
        journeys.append(ws, signal.id(), new JourneyStep("received", T0, Map.of("mine", "yes")));
        journeys.append(otherWs, otherSignal.id(), new JourneyStep("received", T0, Map.of("theirs", "yes")));

        assertThat(journeys.steps(otherWs, signal.id())).isEmpty();
        assertThat(journeys.steps(ws, otherSignal.id())).isEmpty();
        assertThat(journeys.steps(ws, sibling.id())).isEmpty();
        assertThat(journeys.steps(ws, signal.id())).extracting(JourneyStep::details).containsExactly(Map.of("mine", "yes"));
    }

    @Test
    void appendingToAnotherWorkspacesOrAnUnknownSignalIsNotFoundAndStoresNothing() {
        WorkspaceId otherWs = newWorkspace();
        SignalId unknown = new SignalId(UUID.randomUUID());
        JourneyStep step = new JourneyStep("parsed", T0, Map.of());

        assertThatThrownBy(() -> journeys.append(otherWs, signal.id(), step)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> journeys.append(ws, unknown, step)).isInstanceOf(NotFound.class);

        assertThat(journeys.steps(ws, signal.id())).isEmpty();
        assertThat(journeys.steps(otherWs, signal.id())).isEmpty();
    }

    @Test
    void aStepJoinsTheCallersTransactionAndANotFoundThereLeavesItUsable() {
        database.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> journeys.append(ws, new SignalId(UUID.randomUUID()), new JourneyStep("x", T0, Map.of())))
                    .isInstanceOf(NotFound.class);
            journeys.append(ws, signal.id(), new JourneyStep("risk", T0, Map.of("decision", "approved")));
            return null;
        });
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            journeys.append(ws, signal.id(), new JourneyStep("placed", T0.plusSeconds(1), Map.of()));
            throw new IllegalStateException("the order could not be recorded");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(journeys.steps(ws, signal.id())).extracting(JourneyStep::step).containsExactly("risk");
    }

    @Test
    void aStepWithAHundredLongDetailsRoundTrips() {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            details.put("k" + "x".repeat(90) + i, "v\u20ac&=".repeat(400));
        }
        JourneyStep big = new JourneyStep("risk", T0, details);

        journeys.append(ws, signal.id(), big);

        assertThat(journeys.steps(ws, signal.id())).containsExactly(big);
    }

    @Test
    void manyStepsKeepTheirOrder() {
        List<JourneyStep> appended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            JourneyStep step = new JourneyStep("step-" + (29 - i), T0.minusSeconds(i), Map.of("i", Integer.toString(i)));
            journeys.append(ws, signal.id(), step);
            appended.add(step);
        }
        assertThat(journeys.steps(ws, signal.id())).containsExactlyElementsOf(appended);
    }
}
