package dev.bulwark.adapters.persistence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.DatabaseSettings;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.orders.JooqOrders;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.orders.FillTotal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written by an older Bulwark, upgraded by the current one: the rows stored before a migration are what the
 * migration must carry over. Here a database at V16 (before the kept fill totals, V17-V18, and the jobs' ordering keys,
 * V19-V20) holds fills across a UTC midnight and a waiting job; after the upgrade the day's totals agree with the
 * fills summed directly, new fills add to them, and the old job runs.
 */
abstract class UpgradeContract {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");

    protected abstract TestDatabases.Engine engine();

    @Test
    void fillsStoredBeforeTheKeptTotalsAreCountedAndAnOldJobStillRuns() throws Exception {
        String url;
        DatabaseSettings settings;
        String schema = null;
        if (engine() == TestDatabases.Engine.POSTGRES) {
            TestDatabases.PostgresSchema created = TestDatabases.newPostgresSchema("upgrade");
            schema = created.name();
            url = created.url();
            settings = new DatabaseSettings(url, null, null, schema, 4);
        } else {
            settings = DatabaseSettings.inMemoryH2("upgrade" + UUID.randomUUID().toString().replace("-", ""));
            url = settings.url();
        }
        var flyway = Flyway.configure().dataSource(url, null, null).target("16")
                .locations("classpath:db/migration/common", "classpath:db/migration/"
                        + (engine() == TestDatabases.Engine.POSTGRES ? "postgresql" : "h2"));
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        flyway.load().migrate();

        UUID workspace = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url)) {
            if (schema != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET search_path TO " + schema);
                }
            }
            insert(c, "INSERT INTO workspaces (id, name, kind, created_at) VALUES (?, 'old', 'PERSONAL', ?)", workspace, at(T0));
            insert(c, "INSERT INTO venue_accounts (id, workspace_id, venue, label, label_key, environment, can_read, can_trade,"
                    + " can_withdraw, active, sync_status, created_at, updated_at) VALUES (?, ?, 'paper', 'p', 'p', 'PAPER',"
                    + " TRUE, TRUE, FALSE, TRUE, 'NEVER', ?, ?)", account, workspace, at(T0), at(T0));
            insert(c, "INSERT INTO orders (id, workspace_id, account_id, client_order_id, base, quote, market, side,"
                    + " order_type, size_kind, size_amount, time_in_force, status, filled_quantity, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'old-1', 'BTC', 'USDT', 'SPOT', 'BUY', 'MARKET', 'QUANTITY', 2, 'IOC', 'FILLED', 2,"
                    + " ?, ?)", order, workspace, account, at(T0), at(T0));
            String fill = "INSERT INTO fills (order_id, trade_id, workspace_id, account_id, base, quote, market, side,"
                    + " price, quantity, fee_amount, fee_asset, executed_at) VALUES (?, ?, ?, ?, 'BTC', 'USDT', 'SPOT', ?,"
                    + " ?, ?, 0, 'USDT', ?)";
            // the last microsecond of the 20th, the first of the 21st, and later on the 21st
            insert(c, fill, order, "t1", workspace, account, "BUY", new BigDecimal("100"), new BigDecimal("0.4"),
                    at(Instant.parse("2026-11-20T23:59:59.999999Z")));
            insert(c, fill, order, "t2", workspace, account, "BUY", new BigDecimal("110"), new BigDecimal("0.6"),
                    at(Instant.parse("2026-11-21T00:00:00Z")));
            insert(c, fill, order, "t3", workspace, account, "SELL", new BigDecimal("120.5"), new BigDecimal("0.5"),
                    at(Instant.parse("2026-11-21T07:00:00Z")));
            insert(c, "INSERT INTO jobs (id, type, workspace_id, payload, status, attempts, run_at, created_at, updated_at)"
                    + " VALUES (?, 'signal.process', ?, 'old job', 'READY', 0, ?, ?, ?)", job, workspace, at(T0), at(T0),
                    at(T0));
        }

        try (Database database = Database.open(settings)) {
            JooqOrders orders = new JooqOrders(database.db());
            WorkspaceId ws = new WorkspaceId(workspace);
            VenueAccountId acct = new VenueAccountId(account);
            Instant day20 = Instant.parse("2026-11-20T00:00:00Z");
            Instant day21 = Instant.parse("2026-11-21T00:00:00Z");

            // whole days read the kept totals V18 wrote; any other start sums the fills: the two agree
            assertThat(totals(orders.fillTotals(ws, acct, day21)))
                    .containsExactly("BUY 0.6 66 1", "SELL 0.5 60.25 1");
            assertThat(totals(orders.fillTotals(ws, acct, day20)))
                    .containsExactly("BUY 1 106 2", "SELL 0.5 60.25 1");
            assertThat(totals(orders.fillTotals(ws, acct, day21.minusNanos(1_000))))
                    .isEqualTo(totals(orders.fillTotals(ws, acct, day20)));
            assertThat(totals(orders.fillTotals(ws, acct, day20.minusSeconds(1))))
                    .isEqualTo(totals(orders.fillTotals(ws, acct, day20)));

            // a fill after the upgrade adds to the day V18 counted
            orders.addFill(ws, new Fill("t4", new OrderId(order), BTC_USDT, OrderSide.BUY, new BigDecimal("100"),
                    new BigDecimal("0.1"), Money.zero(Asset.USDT), Instant.parse("2026-11-21T09:00:00Z")));
            assertThat(totals(orders.fillTotals(ws, acct, day21))).containsExactly("BUY 0.7 76 2", "SELL 0.5 60.25 1");

            // the job stored before ordering keys has none, a number, and runs like any other
            JooqJobQueue queue = new JooqJobQueue(database.db(), () -> T0.plusSeconds(1), UUID::randomUUID,
                    RetryPolicy.DEFAULT);
            List<ClaimedJob> claimed = queue.claim("w", Set.of("signal.process"), 10, Duration.ofSeconds(30));
            assertThat(claimed).singleElement().satisfies(j -> {
                assertThat(j.id().value()).isEqualTo(job);
                assertThat(j.orderingKey()).isNull();
                assertThat(j.payload()).isEqualTo("old job");
            });
            assertThat(queue.complete(claimed.get(0))).isTrue();
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl());
                     Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private static List<String> totals(List<FillTotal> totals) {
        return totals.stream().map(t -> t.side() + " " + t.quantity().stripTrailingZeros().toPlainString() + " "
                + t.notional().stripTrailingZeros().toPlainString() + " " + t.fills()).toList();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void insert(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
