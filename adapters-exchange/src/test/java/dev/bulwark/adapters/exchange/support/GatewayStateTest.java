package dev.bulwark.adapters.exchange.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The pieces the signed-REST gateways and providers hold: their state and caches, a settled cancel, the transport. */
class GatewayStateTest {
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final Instant T0 = SupportHelpersTest.T0;

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final GatewayState<String> state = new GatewayState<>("Testex futures", SupportHelpersTest.descriptor(false),
            SupportHelpersTest.ACCOUNT, now::get);

    @Test
    void aClosedGatewayRefusesEveryCallByItsName() {
        state.ensureOpen();
        state.close();
        assertThatThrownBy(state::ensureOpen).isInstanceOf(IllegalStateException.class)
                .hasMessage("this Testex futures gateway is closed");
    }

    @Test
    void rulesAreReadOnceAnHourOnTheConnectionsClockAndAFailureIsNotKept() {
        AtomicInteger reads = new AtomicInteger();
        assertThatThrownBy(() -> state.rules(BTC, () -> {
            reads.incrementAndGet();
            throw new NotFound("not listed");
        })).isInstanceOf(NotFound.class);
        assertThat(state.rules(BTC, () -> "rules-" + reads.incrementAndGet())).isEqualTo("rules-2");
        now.set(T0.plus(GatewayState.RULES_FOR).minusMillis(1));
        assertThat(state.rules(BTC, () -> "rules-" + reads.incrementAndGet())).isEqualTo("rules-2");
        now.set(T0.plus(GatewayState.RULES_FOR));
        assertThat(state.rules(BTC, () -> "rules-" + reads.incrementAndGet())).isEqualTo("rules-3");
    }

    @Test
    void aPriceAndTheLackOfOneAreKeptForSecondsAndForgottenOnClose() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(state.price(BTC, () -> {
            reads.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(state.price(BTC, () -> Optional.of(BigDecimal.ONE))).isEmpty();
        now.set(T0.plus(GatewayState.PRICE_FOR));
        assertThat(state.price(BTC, () -> Optional.of(BigDecimal.TEN))).contains(BigDecimal.TEN);
        state.close();
        assertThat(state.price(BTC, () -> Optional.of(BigDecimal.TWO))).contains(BigDecimal.TWO);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRequestOutsideTheDeclarationIsRejectedBeforeAnythingIsSent() {
        OrderRequest limit = OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC,
                SupportHelpersTest.CID);
        OrderRequest market = OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), SupportHelpersTest.CID);
        assertThat(state.unsupported(limit)).isEmpty();
        assertThat(state.unsupported(market)).hasValueSatisfying(rejected -> {
            assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
            assertThat(rejected.reason()).contains("Testex", "MARKET");
        });
        assertThatThrownBy(() -> state.unsupported(null)).isInstanceOf(NullPointerException.class);
        assertThat(state.capabilities()).containsExactly(VenueCapability.BALANCES);
    }

    @Test
    void anAcceptedOrderIsTheRequestOfThisAccountAcceptedNow() {
        now.set(T0.plusSeconds(5));
        Order order = state.accepted(OrderRequest.limit(BTC, OrderSide.SELL, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, SupportHelpersTest.CID)).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.account()).isEqualTo(SupportHelpersTest.ACCOUNT);
        assertThat(order.clientOrderId()).isEqualTo(SupportHelpersTest.CID);
        assertThat(order.createdAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aCancelIsSettledFromTheVenuesAnswerAndTheOrderReadBack() {
        ClientOrderId cid = SupportHelpersTest.CID;
        PlacementResult.Rejected refusal = new PlacementResult.Rejected("venue-refused", "Testex 123: not now");
        Order cancelled = SupportHelpersTest.order(OrderStatus.CANCELLED);
        Order working = SupportHelpersTest.order(OrderStatus.ACCEPTED);
        assertThat(Cancels.settle(SupportHelpersTest.VENUE, cid, true, false, () -> refusal, () -> Optional.of(cancelled)))
                .isEqualTo(new CancelResult.Cancelled(cancelled));
        assertThatThrownBy(() -> Cancels.settle(SupportHelpersTest.VENUE, cid, true, false, () -> refusal,
                () -> Optional.of(working))).isInstanceOf(VenueUnavailable.class);
        assertThat(Cancels.settle(SupportHelpersTest.VENUE, cid, false, true, () -> refusal, Optional::empty))
                .isEqualTo(new CancelResult.UnknownOrder(cid));
        assertThat(Cancels.settle(SupportHelpersTest.VENUE, cid, false, true, () -> refusal, () -> Optional.of(cancelled)))
                .isEqualTo(new CancelResult.AlreadyFinal(cancelled));
        assertThat(Cancels.settle(SupportHelpersTest.VENUE, cid, false, true, () -> refusal, () -> Optional.of(working)))
                .isEqualTo(new CancelResult.Refused("venue-refused", "Testex 123: not now"));
        AtomicInteger readBacks = new AtomicInteger();
        assertThat(Cancels.settle(SupportHelpersTest.VENUE, cid, false, false, () -> refusal, () -> {
            readBacks.incrementAndGet();
            return Optional.of(cancelled);
        })).isEqualTo(new CancelResult.Refused("venue-refused", "Testex 123: not now"));
        assertThat(readBacks).as("a plain refusal is not read back").hasValue(0);
    }

    @Test
    void aProvidersTransportSharesOneBreakerAndNeverFollowsARedirect() {
        VenueResilience.Settings settings = new VenueResilience.Settings(Duration.ofSeconds(3), 0, Duration.ofMillis(1), 1,
                Duration.ofSeconds(30), Duration.ZERO);
        SharedTransport transport = new SharedTransport(SupportHelpersTest.VENUE,
                List.of(new RateLimit("r", 10, Duration.ofSeconds(1), RateLimit.Scope.IP)), settings);
        assertThat(transport.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(transport.http().followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(transport.http().connectTimeout()).contains(Duration.ofSeconds(3));
        assertThatThrownBy(() -> transport.resilience().write(() -> {
            throw new VenueUnavailable(SupportHelpersTest.VENUE, "down", null);
        })).isInstanceOf(VenueUnavailable.class);
        assertThat(transport.circuits()).singleElement()
                .satisfies(circuit -> assertThat(circuit.state()).isEqualTo(dev.bulwark.domain.venues.VenueCircuit.State.OPEN));
    }
}
