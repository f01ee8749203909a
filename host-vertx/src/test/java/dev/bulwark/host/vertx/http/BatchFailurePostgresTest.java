package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker processes a claimed batch's fresh signals side by side: their orders stored in one transaction, sent, and
 * their outcomes recorded in one transaction. When one of those transactions fails (here PostgreSQL itself refuses
 * the first statement of a kind, through a trigger counting on a sequence, which no rollback resets), nothing of it
 * stays and every signal of the batch goes on alone, in the same run: exactly one order each at the venue and in the
 * books, every signal COMPLETED, and where the orders had already been sent, the receipt says they were found at the
 * venue by their client order id, not sent again.
 */
class BatchFailurePostgresTest {
    private static final int BOTS = 4;

    @Test
    void whenTheOutcomesTransactionFailsTheSentOrdersAreFoundAtTheVenueNotSentAgain() throws Exception {
        try (Setup setup = new Setup("batchrec")) {
            for (JsonObject receipt : setup.completedAfterTheFirstInsertIntoFails("events", "outcomes")) {
                List<JsonObject> placed = steps(receipt, "placed");
                assertThat(placed).as("one placed step: the rolled-back one left none").hasSize(1);
                assertThat(placed.getFirst().getJsonObject("details").getString("how"))
                        .startsWith("found at the venue by its client order id");
                assertThat(steps(receipt, "completed")).hasSize(1);
            }
            setup.assertOneOrderEachAtTheVenueAndInTheBooks();
        }
    }

    @Test
    void whenTheOrdersTransactionFailsEachSignalIsDecidedAndSentAlone() throws Exception {
        try (Setup setup = new Setup("batchord")) {
            for (JsonObject receipt : setup.completedAfterTheFirstInsertIntoFails("orders", "orders")) {
                assertThat(steps(receipt, "processing")).as("the rolled-back attempt left no step").hasSize(1);
                assertThat(steps(receipt, "placed").getFirst().getJsonObject("details").getString("how")).isEqualTo("sent");
            }
            setup.assertOneOrderEachAtTheVenueAndInTheBooks();
        }
    }

    private static List<JsonObject> steps(JsonObject receipt, String name) {
        return receipt.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(step -> step.getString("step").equals(name)).toList();
    }

    /** A receiving runtime (no workers) on a fresh schema, four bots on paper accounts of their own, one buy each. */
    private static final class Setup implements AutoCloseable {
        final String url;
        final BulwarkRuntime runtime;
        final BulwarkServer server;
        final ApiClient api;
        final String token;
        final List<String> signals = new ArrayList<>();

        Setup(String schema) throws Exception {
            url = TestDatabases.newPostgresSchema(schema).url();
            Path data = Files.createTempDirectory(Path.of("target"), "batch-");
            runtime = BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(Map.of(
                    "BULWARK_DATA_DIR", data.toString(),
                    "BULWARK_DB_URL", url,
                    "BULWARK_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'D'),
                    "BULWARK_DB_POOL_SIZE", "4",
                    "BULWARK_DEFAULT_PLAN", "unlimited",
                    "BULWARK_SIGNAL_WORKERS", "0"))).start();
            server = BulwarkServer.start(runtime, "127.0.0.1", 0);
            api = new ApiClient(server.port());
            token = api.firstUser(runtime.manageAccounts().setupToken().orElseThrow(), "batch@example.com",
                    "Batch-passphrase-2026!");
            for (int b = 0; b < BOTS; b++) {
                String hook = api.paperBot(token, "batch-" + b, "0.001").webhook();
                Answer ack = api.send("POST", hook, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"b-" + b + "\"}",
                        "application/json");
                assertThat(ack.status()).as(ack.body()).isEqualTo(200);
                signals.add(ack.json().getString("signalId"));
            }
        }

        /**
         * Makes the first insert into {@code table} fail once, runs one worker pass over the batch, checks that the
         * batch's {@code transaction} transaction did fail and every signal still ended COMPLETED; answers the receipts.
         */
        List<JsonObject> completedAfterTheFirstInsertIntoFails(String table, String transaction) throws Exception {
            failFirstInsertInto(table);

            assertThat(runtime.processSignals().runOnce("batch-test", 16)).isEqualTo(BOTS);

            assertThat(failuresInjected()).as("the batch's " + transaction + " transaction did fail").isEqualTo(1);
            List<JsonObject> receipts = new ArrayList<>();
            for (String signal : signals) {
                JsonObject receipt = receipt(signal);
                assertThat(receipt.getJsonObject("signal").getString("status")).as(receipt.encodePrettily()).isEqualTo("COMPLETED");
                receipts.add(receipt);
            }
            return receipts;
        }

        /** PostgreSQL refuses the first row inserted into {@code table} from now on, once. */
        void failFirstInsertInto(String table) throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create sequence injected_failures");
                s.execute("create function fail_once() returns trigger language plpgsql as $$ begin"
                        + " if nextval('injected_failures') = 1 then raise exception 'injected failure'; end if;"
                        + " return new; end $$");
                s.execute("create trigger fail_once before insert on " + table + " for each row execute function fail_once()");
            }
        }

        long failuresInjected() throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select last_value, is_called from injected_failures")) {
                rs.next();
                return rs.getBoolean(2) ? Math.min(rs.getLong(1), 1) : 0;
            }
        }

        JsonObject receipt(String signal) throws InterruptedException {
            return api.awaitSignal(token, signal, Duration.ofSeconds(5), "COMPLETED", "REJECTED", "IGNORED", "DEAD",
                    "FAILED");
        }

        void assertOneOrderEachAtTheVenueAndInTheBooks() throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select count(*), count(distinct client_order_id) from orders")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("orders in the books").isEqualTo(BOTS);
                    assertThat(rs.getInt(2)).isEqualTo(BOTS);
                }
                try (ResultSet rs = s.executeQuery("select count(*), count(distinct client_order_id) from paper_history"
                        + " where kind = 'ORDER'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("orders the paper venue settled").isEqualTo(BOTS);
                    assertThat(rs.getInt(2)).isEqualTo(BOTS);
                }
                try (ResultSet rs = s.executeQuery("select count(*) from fills")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("one fill each, recorded once").isEqualTo(BOTS);
                }
            }
        }

        @Override
        public void close() {
            server.close();
            runtime.close();
        }
    }
}
