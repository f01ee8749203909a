package dev.bulwark.ports.driven.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A provider registered in {@code META-INF/services} is found, and drives a gateway through its whole lifecycle. */
class VenueProviderLoadingTest {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    static final TimeSource CLOCK = () -> T0;
    static final VenueAccountId ACCOUNT = new VenueAccountId(new UUID(0, 7));

    static VenueAccount account(VenueId venue) {
        return new VenueAccount(ACCOUNT, new WorkspaceId(new UUID(0, 1)), venue, "Fake", Environment.PAPER, null,
                Set.of(Permission.READ, Permission.TRADE), true, null, null, SyncState.never(), T0, T0);
    }

    static VenueProvider loadFake() {
        return ServiceLoader.load(VenueProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.describe().id().equals(FakeVenueProvider.ID))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheProviderDeclaredInTestResources() {
        List<Class<? extends VenueProvider>> found = ServiceLoader.load(VenueProvider.class).stream()
                .map(ServiceLoader.Provider::type)
                .toList();
        assertThat(found).contains(FakeVenueProvider.class);

        VenueDescriptor descriptor = loadFake().describe();
        assertThat(descriptor.displayName()).isEqualTo("Fake venue");
        assertThat(descriptor.nativeOco()).isFalse();
        assertThat(descriptor.environments()).containsExactly(VenueEnvironment.TESTNET, VenueEnvironment.PAPER);
    }

    @Test
    void aGatewayPlacesFindsCancelsAndReportsUnderTheDerivedOrderId() {
        VenueProvider provider = loadFake();
        try (VenueGateway gateway = provider.connect(
                VenueConnection.of(account(FakeVenueProvider.ID), VenueEnvironment.TESTNET, null, CLOCK))) {
            Instrument btc = FakeVenueProvider.BTC_USDT;
            ClientOrderId limitId = new ClientOrderId("sig-1");
            PlacementResult placed = gateway.place(OrderRequest.limit(btc, OrderSide.BUY, new BigDecimal("0.5"),
                    new BigDecimal("90"), TimeInForce.GTC, limitId));

            assertThat(placed).isInstanceOfSatisfying(PlacementResult.Placed.class, p -> {
                assertThat(p.order().status()).isEqualTo(OrderStatus.ACCEPTED);
                assertThat(p.order().id()).isEqualTo(VenueGateway.orderIdOf(ACCOUNT, limitId));
                assertThat(p.order().account()).isEqualTo(ACCOUNT);
            });
            assertThat(gateway.openOrders(null)).extracting(Order::clientOrderId).containsExactly(limitId);
            assertThat(gateway.findByClientOrderId(btc, limitId)).map(Order::status).contains(OrderStatus.ACCEPTED);

            // a repeated client order id is refused as data, and the caller looks the first one up
            assertThat(gateway.place(OrderRequest.limit(btc, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                    TimeInForce.GTC, limitId)))
                    .isEqualTo(new PlacementResult.Rejected(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID,
                            "client order id sig-1 is taken"));

            assertThat(gateway.cancel(btc, limitId)).isInstanceOf(CancelResult.Cancelled.class);
            assertThat(gateway.cancel(btc, limitId)).isInstanceOf(CancelResult.AlreadyFinal.class);
            assertThat(gateway.cancel(btc, new ClientOrderId("never")))
                    .isEqualTo(new CancelResult.UnknownOrder(new ClientOrderId("never")));

            ClientOrderId marketId = new ClientOrderId("sig-2");
            gateway.place(OrderRequest.market(btc, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.25")), marketId));
            assertThat(gateway.findByClientOrderId(btc, marketId)).map(Order::status).contains(OrderStatus.FILLED);
            assertThat(gateway.fills(btc, T0)).singleElement()
                    .satisfies(f -> assertThat(f.orderId()).isEqualTo(VenueGateway.orderIdOf(ACCOUNT, marketId)));
            assertThat(gateway.openOrders(btc)).isEmpty();
            assertThat(gateway.price(btc)).contains(new BigDecimal("100"));
            assertThat(gateway.rules(btc).lotStep()).isEqualByComparingTo("0.001");
            assertThat(gateway.checkCredentials().valid()).isFalse();
        }
    }

    @Test
    void whatTheVenueDoesNotSupportIsRefusedAsDataNotThrown() {
        try (VenueGateway gateway = loadFake().connect(
                VenueConnection.of(account(FakeVenueProvider.ID), VenueEnvironment.PAPER, null, CLOCK))) {
            Instrument btc = FakeVenueProvider.BTC_USDT;
            PlacementResult fok = gateway.place(OrderRequest.limit(btc, OrderSide.SELL, BigDecimal.ONE, BigDecimal.TEN,
                    TimeInForce.FOK, new ClientOrderId("fok")));
            assertThat(fok).isEqualTo(new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED,
                    "Fake venue has no FOK time in force"));
            PlacementResult quote = gateway.place(OrderRequest.market(btc, OrderSide.BUY,
                    OrderSize.quoteAmount(BigDecimal.TEN), new ClientOrderId("quote")));
            assertThat(quote).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
            assertThat(gateway.positions()).isEmpty();
            assertThat(gateway.price(Instrument.spot("ETH", "USDT"))).isEmpty();
            assertThatThrownBy(() -> gateway.rules(Instrument.spot("ETH", "USDT"))).isInstanceOf(NotFound.class);
        }
    }

    @Test
    void aClosedGatewayRefusesEveryCallAndClosesTwiceHarmlessly() {
        VenueGateway gateway = loadFake().connect(
                VenueConnection.of(account(FakeVenueProvider.ID), VenueEnvironment.PAPER, null, CLOCK));
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gateway.price(FakeVenueProvider.BTC_USDT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectRefusesAnAccountOfAnotherVenue() {
        VenueConnection other = VenueConnection.of(account(new VenueId("binance")), VenueEnvironment.TESTNET, null, CLOCK);
        assertThatThrownBy(() -> loadFake().connect(other)).isInstanceOf(Invalid.class);
    }

    @Test
    void eachLoadGivesAFreshProviderSoRuntimesShareNothing() {
        VenueProvider a = loadFake();
        VenueProvider b = loadFake();
        assertThat(a).isNotSameAs(b);
        assertThat(a.describe()).isEqualTo(b.describe());
        Optional<VenueProvider> none = ServiceLoader.load(VenueProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.describe().id().equals(new VenueId("nowhere")))
                .findFirst();
        assertThat(none).isEmpty();
    }
}
