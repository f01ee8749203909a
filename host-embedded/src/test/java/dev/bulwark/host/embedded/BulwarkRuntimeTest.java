package dev.bulwark.host.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.audit.JooqAuditLog;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.adapters.persistence.venues.JooqVenueAccounts;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.health.HealthReport;
import java.math.BigDecimal;
import java.util.List;
import java.nio.file.attribute.PosixFilePermission;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulwarkRuntimeTest {
    @TempDir
    Path dataDir;

    @Test
    void startsOnTheEmbeddedDefaultAFileDatabaseInTheDataDirectory() {
        RuntimeSettings defaults = RuntimeSettings.fromEnvironment(Map.of("BULWARK_DATA_DIR", dataDir.toString()));
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(defaults).start()) {
            HealthReport health = runtime.checkHealth().health();

            assertThat(health.status()).isEqualTo(HealthReport.Status.UP);
            assertThat(health.version()).isEqualTo(System.getProperty("bulwark.expected.version"));
            assertThat(runtime.ids().newId().version()).isEqualTo(7);
        }
        assertThat(dataDir.resolve("bulwark.mv.db")).exists();
    }

    @Test
    void restartsOnTheSameDataDirectoryWithoutMigratingTwice() {
        RuntimeSettings defaults = RuntimeSettings.fromEnvironment(Map.of("BULWARK_DATA_DIR", dataDir.toString()));
        int applied;
        try (BulwarkRuntime first = BulwarkRuntime.builder().settings(defaults).start()) {
            applied = first.database().dsl().fetchCount(org.jooq.impl.DSL.table("flyway_schema_history"));
        }
        try (BulwarkRuntime again = BulwarkRuntime.builder().settings(defaults).start()) {
            assertThat(applied).isGreaterThan(10);
            assertThat(again.database().dsl().fetchCount(org.jooq.impl.DSL.table("flyway_schema_history"))).isEqualTo(applied);
        }
    }

    @Test
    void theEmbeddedDefaultCreatesAnOwnerOnlyKeyFileOnceAndReusesItAcrossRestarts() throws Exception {
        RuntimeSettings defaults = RuntimeSettings.fromEnvironment(Map.of("BULWARK_DATA_DIR", dataDir.toString()));
        var workspace = new WorkspaceId(UUID.randomUUID());
        var binding = new SecretBinding(workspace, "venue-account:1");
        SealedSecret sealed;
        try (BulwarkRuntime first = BulwarkRuntime.builder().settings(defaults).start()) {
            new JooqWorkspaces(first.database().db()).create(new Workspace(workspace, "me", Workspace.Kind.PERSONAL, Instant.now()));
            sealed = first.vault().seal("api-secret-123", binding);
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        try (BulwarkRuntime again = BulwarkRuntime.builder().settings(defaults).start()) {
            assertThat(again.vault().open(sealed, binding, new SecretUse("user:me", "test", "corr-1"))).isEqualTo("api-secret-123");
            assertThat(new JooqAuditLog(again.database().db()).list(workspace, null, null, 10))
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.action()).isEqualTo("secret.open");
                        assertThat(entry.details().toString()).doesNotContain("api-secret-123");
                    });
        }
    }

    @Test
    void theEmbeddedDefaultTradesOnThePaperVenueAtShippedPricesAndKeepsItsBooksAcrossRestarts() {
        RuntimeSettings defaults = RuntimeSettings.fromEnvironment(Map.of("BULWARK_DATA_DIR", dataDir.toString()));
        Instant when = Instant.parse("2025-06-02T00:00:00Z"); // inside the shipped Coinbase BTC-USD history
        var workspace = new WorkspaceId(UUID.randomUUID());
        var account = VenueAccount.paper(new VenueAccountId(UUID.randomUUID()), workspace, "Paper", when);
        var btc = Instrument.spot("BTC", "USD");
        List<Holding> balances;
        try (BulwarkRuntime first = BulwarkRuntime.builder().settings(defaults).time(() -> when).start()) {
            new JooqWorkspaces(first.database().db()).create(new Workspace(workspace, "me", Workspace.Kind.PERSONAL, when));
            new JooqVenueAccounts(first.database().db()).create(account);
            BigDecimal price = first.marketData().lastPrice(btc).orElseThrow().price();
            try (VenueGateway paper = first.paperVenue().connect(VenueConnection.of(account, VenueEnvironment.PAPER, null, () -> when))) {
                PlacementResult placed = paper.place(OrderRequest.market(btc, OrderSide.BUY,
                        OrderSize.quantity(new BigDecimal("0.01")), new ClientOrderId("first-buy")));
                assertThat(placed).isInstanceOfSatisfying(PlacementResult.Placed.class, p ->
                        assertThat(p.order().averageFillPrice()).isGreaterThanOrEqualTo(price));
                balances = paper.balances();
            }
        }
        try (BulwarkRuntime again = BulwarkRuntime.builder().settings(defaults).time(() -> when).start();
             VenueGateway paper = again.paperVenue().connect(VenueConnection.of(account, VenueEnvironment.PAPER, null, () -> when))) {
            assertThat(paper.balances()).isEqualTo(balances);
            assertThat(paper.findByClientOrderId(btc, new ClientOrderId("first-buy"))).isPresent();
        }
    }

    @Test
    void usesTheInjectedClock() {
        Instant fixed = Instant.parse("2026-01-01T00:00:00Z");
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)).time(() -> fixed).start()) {
            assertThat(runtime.checkHealth().health().startedAt()).isEqualTo(fixed);
            assertThat(runtime.ids().newId().getMostSignificantBits() >>> 16).isEqualTo(fixed.toEpochMilli());
        }
    }
}
