package dev.bulwark.host.embedded.venues;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * An integrator's venue as the engine finds it (META-INF/services), answering balances after 100 ms like a remote
 * exchange. The credentials decide the answer: secret {@code down} is an outage, {@code wrong} a rejected key;
 * anything else holds 1.5 BTC and 2,500 USDT.
 */
public final class SlowExchangeProvider implements VenueProvider {
    public static final VenueId ID = new VenueId("slowex");
    public static final Duration LATENCY = Duration.ofMillis(100);

    @Override
    public VenueDescriptor describe() {
        return new VenueDescriptor(ID, "Slow exchange", Set.of(Market.SPOT), Set.of(OrderType.MARKET), Set.of(TimeInForce.IOC),
                Set.of(VenueCapability.BALANCES), List.of(), Set.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        return new Gateway(connection);
    }

    private record Gateway(VenueConnection connection) implements VenueGateway {
        @Override
        public Set<VenueCapability> capabilities() {
            return Set.of(VenueCapability.BALANCES);
        }

        @Override
        public List<Holding> balances() {
            LockSupport.parkNanos(LATENCY.toNanos()); // the venue's round trip
            String secret = connection.credentials() == null ? "" : connection.credentials().secret();
            if (secret.equals("down")) {
                throw new VenueUnavailable(ID, "503 from the venue", null);
            }
            if (secret.equals("wrong")) {
                throw new Unauthorized("the venue refused the API key");
            }
            var account = connection.account();
            return List.of(new Holding(account.id(), ID, AccountKind.SPOT, Asset.BTC, new BigDecimal("1.5"), BigDecimal.ZERO),
                    new Holding(account.id(), ID, AccountKind.SPOT, Asset.USDT, new BigDecimal("2000"), new BigDecimal("500")));
        }

        @Override
        public List<Position> positions() {
            return List.of();
        }

        @Override
        public List<Order> openOrders(@Nullable Instrument instrument) {
            return List.of();
        }

        @Override
        public PlacementResult place(OrderRequest request) {
            return new PlacementResult.Rejected("unsupported", "this test venue only reports balances");
        }

        @Override
        public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }

        @Override
        public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
            return Optional.empty();
        }

        @Override
        public List<Fill> fills(Instrument instrument, Instant since) {
            return List.of();
        }

        @Override
        public TradingRules rules(Instrument instrument) {
            return new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), BigDecimal.ZERO, null, BigDecimal.ZERO);
        }

        @Override
        public Optional<BigDecimal> price(Instrument instrument) {
            return Optional.empty();
        }

        @Override
        public CredentialCheck checkCredentials() {
            return CredentialCheck.valid(Set.of(Permission.READ));
        }

        @Override
        public void close() {
        }
    }
}
