package dev.bulwark.host.vertx.testing;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
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
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A venue an integrator could ship in their own jar (found through {@code META-INF/services}), used by the system
 * tests to save credentials end to end. What the key says decides the venue's answer: {@code bad-...} is refused,
 * {@code withdraw-...} may withdraw, {@code down-...} cannot be reached, anything else may read and trade.
 */
public final class TestVenueProvider implements VenueProvider {
    public static final VenueId ID = new VenueId("testvenue");
    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(ID, "Test venue", EnumSet.of(Market.SPOT),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.PERMISSIONS), List.of(),
            EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        String key = connection.credentials() == null ? "" : connection.credentials().apiKey();
        return new Gateway(key);
    }

    private record Gateway(String key) implements VenueGateway {
        @Override
        public Set<VenueCapability> capabilities() {
            return DESCRIPTOR.capabilities();
        }

        @Override
        public List<Holding> balances() {
            if (key.startsWith("down-")) {
                throw new VenueUnavailable(ID, "the test venue is down", null);
            }
            return List.of();
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
            return new PlacementResult.Rejected("UNSUPPORTED", "the test venue does not trade");
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
            throw new NotFound("the test venue lists nothing");
        }

        @Override
        public Optional<BigDecimal> price(Instrument instrument) {
            return Optional.empty();
        }

        @Override
        public CredentialCheck checkCredentials() {
            if (key.startsWith("down-")) {
                throw new VenueUnavailable(ID, "the test venue is down", null);
            }
            if (key.startsWith("bad-")) {
                return CredentialCheck.invalid("API-key format invalid.");
            }
            if (key.startsWith("withdraw-")) {
                return CredentialCheck.valid(EnumSet.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW));
            }
            return CredentialCheck.valid(EnumSet.of(Permission.READ, Permission.TRADE));
        }

        @Override
        public void close() {
        }
    }
}
