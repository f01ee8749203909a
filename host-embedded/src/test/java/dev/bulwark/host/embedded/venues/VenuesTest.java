package dev.bulwark.host.embedded.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.NotFound;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The venues the engine knows, as the application lists them, and connecting one with its opened credentials. */
class VenuesTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final VenueId BREAKER = new VenueId("breaker");
    static final String PEM = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE:IA==\n-----END EC PRIVATE KEY-----\n";

    final List<VenueConnection> connections = new ArrayList<>();
    final List<SecretUse> uses = new ArrayList<>();

    /** A built-in venue with a circuit breaker that remembers what it was connected with. */
    final VenueProvider breaker = new VenueProvider() {
        @Override
        public VenueDescriptor describe() {
            return new VenueDescriptor(BREAKER, "Breaker", Set.of(Market.SPOT), Set.of(OrderType.MARKET),
                    Set.of(TimeInForce.IOC), Set.of(VenueCapability.BALANCES), List.of(),
                    Set.of(VenueEnvironment.LIVE), true);
        }

        @Override
        public VenueGateway connect(VenueConnection connection) {
            connections.add(connection);
            return (VenueGateway) Proxy.newProxyInstance(VenueGateway.class.getClassLoader(),
                    new Class<?>[] {VenueGateway.class}, (proxy, method, args) -> null);
        }

        @Override
        public List<VenueCircuit> circuits() {
            return List.of(new VenueCircuit(BREAKER, VenueCircuit.State.HALF_OPEN, 3));
        }
    };

    /** Opens every envelope to the credentials text the application seals. */
    final SecretVault vault = (SecretVault) Proxy.newProxyInstance(SecretVault.class.getClassLoader(),
            new Class<?>[] {SecretVault.class}, (proxy, method, args) -> {
                if (!method.getName().equals("open")) {
                    throw new AssertionError(method.getName());
                }
                uses.add((SecretUse) args[2]);
                assertThat(((SecretBinding) args[1]).subject()).startsWith("venue-account:");
                return new VenueCredentials("KEY-1234567890abcd", PEM, "pass phrase").encoded();
            });

    final Venues venues = new Venues(List.of(breaker), vault, () -> NOW);

    @Test
    void listsEveryVenuesDescriptorByIdAndTheirCircuits() {
        // the built-in venue, and those found on the class path: the shipped adapters and an integrator's
        List<VenueId> ids = venues.descriptors().stream().map(VenueDescriptor::id).toList();
        assertThat(ids).contains(BREAKER, SlowExchangeProvider.ID, new VenueId("binance")).doesNotHaveDuplicates()
                .isSortedAccordingTo(java.util.Comparator.comparing(VenueId::value));
        assertThat(venues.circuits()).contains(new VenueCircuit(BREAKER, VenueCircuit.State.HALF_OPEN, 3))
                .isSortedAccordingTo(java.util.Comparator.comparing(c -> c.venue().value()));
    }

    @Test
    void connectingOpensTheSealedCredentialsForThatUseAndHandsThemOverExactly() {
        WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
        VenueAccount account = new VenueAccount(new VenueAccountId(new UUID(2, 2)), workspace, BREAKER, "Main",
                Environment.LIVE, null, Set.of(Permission.READ), true, "KEY-\u2026abcd", new SealedSecret("sealed"),
                SyncState.never(), NOW, NOW);

        venues.connect(account, "credential check").close();

        assertThat(connections).singleElement().satisfies(c -> {
            assertThat(c.credentials()).isEqualTo(new VenueCredentials("KEY-1234567890abcd", PEM, "pass phrase"));
            assertThat(c.environment()).isEqualTo(VenueEnvironment.LIVE);
        });
        assertThat(uses).singleElement().satisfies(u -> assertThat(u.purpose()).isEqualTo("credential check"));
    }

    @Test
    void aVenueWithoutAnAdapterIsNotFound() {
        VenueAccount account = new VenueAccount(new VenueAccountId(new UUID(2, 3)), new WorkspaceId(new UUID(1, 1)),
                new VenueId("gone"), "Gone", Environment.LIVE, null, Set.of(Permission.READ), true, null,
                new SealedSecret("sealed"), SyncState.never(), NOW, NOW);

        assertThatThrownBy(() -> venues.connect(account, "portfolio sync")).isInstanceOf(NotFound.class);
        assertThat(uses).isEmpty();
    }
}
