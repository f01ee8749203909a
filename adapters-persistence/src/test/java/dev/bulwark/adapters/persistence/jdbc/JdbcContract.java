package dev.bulwark.adapters.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the hot path's fixed statements rely on: binding, reading back, transactions, and errors without secrets. */
abstract class JdbcContract extends StoreContract {
    private Jdbc jdbc;

    @BeforeAll
    void createTable() {
        jdbc = database.db().jdbc();
        jdbc.update("create table jdbc_probe (id uuid primary key, name varchar(100), amount decimal(38, 18),"
                + " at timestamp(6) with time zone)");
    }

    @Test
    void bindsByJavaTypeAndReadsBackOutsideATransaction() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T08:00:00.123456789Z");
        assertThat(jdbc.update("insert into jdbc_probe (id, name, amount, at) values (?, ?, ?, ?)", id, "a",
                new java.math.BigDecimal("1.500000000000000001"), at)).isEqualTo(1);

        record Row(UUID id, String name, java.math.BigDecimal amount, Instant at) {
        }
        Row row = jdbc.queryOne("select id, name, amount, at from jdbc_probe where id = ?",
                rs -> new Row(Jdbc.uuid(rs, "id"), rs.getString("name"), rs.getBigDecimal("amount"),
                        Jdbc.instant(rs, "at")), id).orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.name()).isEqualTo("a");
        assertThat(row.amount()).isEqualByComparingTo("1.500000000000000001");
        // truncated to the microsecond on the way in, on both engines alike (a compare-and-set compares what it wrote)
        assertThat(row.at()).isEqualTo(Instant.parse("2026-11-21T08:00:00.123456Z"));
        assertThat(jdbc.update("update jdbc_probe set name = ? where id = ? and at = ?", "b", id, at)).isEqualTo(1);
    }

    @Test
    void nullsBindAndReadAsNull() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into jdbc_probe (id, name, amount, at) values (?, ?, ?, ?)", id, null, null, null);
        assertThat(jdbc.queryOne("select name, at from jdbc_probe where id = ?",
                rs -> rs.getString("name") == null && Jdbc.instant(rs, "at") == null, id)).contains(true);
        assertThat(jdbc.queryOne("select name from jdbc_probe where id = ?", rs -> rs.getString(1), UUID.randomUUID()))
                .isEmpty();
    }

    @Test
    void aBatchRunsEveryRowInOrderInTheCallersTransaction() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int[] counts = database.transactions().inTransaction(() -> jdbc.batch(
                "insert into jdbc_probe (id, name) values (?, ?)",
                ids.stream().map(id -> new Object[] {id, "n" + ids.indexOf(id)}).toList()));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(3);
        assertThat(jdbc.query("select name from jdbc_probe where id in (" + Jdbc.marks(3) + ") order by name",
                rs -> rs.getString(1), ids.toArray())).containsExactly("n0", "n1", "n2");
        assertThat(jdbc.batch("insert into jdbc_probe (id) values (?)", List.of())).isEmpty();
    }

    @Test
    void aRolledBackTransactionTakesItsStatementsWithIt() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            jdbc.update("insert into jdbc_probe (id, name) values (?, ?)", id, "gone");
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.query("select id from jdbc_probe where id = ?", rs -> rs.getString(1), id)).isEmpty();
    }

    @Test
    void aConstraintViolationIsTheJooqExceptionAndSaysNeitherTheSqlNorTheValues() {
        UUID id = UUID.randomUUID();
        String secret = "s3cr3t-webhook-token";
        jdbc.update("insert into jdbc_probe (id, name) values (?, ?)", id, secret);
        assertThatThrownBy(() -> jdbc.update("insert into jdbc_probe (id, name) values (?, ?)", id, secret))
                .isInstanceOf(IntegrityConstraintViolationException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).startsWith("23"))
                .hasMessageStartingWith("a statement failed (SQL state 23")
                .message().doesNotContain(secret).doesNotContain(id.toString()).doesNotContain("jdbc_probe");
    }

    @Test
    void aBadStatementIsADataAccessExceptionWithoutItsText() {
        assertThatThrownBy(() -> jdbc.update("update no_such_table set secret = ?", "s3cr3t"))
                .isInstanceOf(DataAccessException.class)
                .message().doesNotContain("s3cr3t").doesNotContain("no_such_table");
        jdbc.batch("insert into jdbc_probe (id, name) values (?, ?)",
                List.of(new Object[] {UUID.randomUUID(), "twin"}, new Object[] {UUID.randomUUID(), "twin"}));
        assertThatThrownBy(() -> jdbc.queryOne("select id from jdbc_probe where name = ?", rs -> rs.getString(1), "twin"))
                .isInstanceOf(IllegalStateException.class); // more than one row where one was expected
    }

    @Test
    void marksAreCommaSeparatedPlaceholders() {
        assertThat(Jdbc.marks(1)).isEqualTo("?");
        assertThat(Jdbc.marks(3)).isEqualTo("?, ?, ?");
        assertThatThrownBy(() -> Jdbc.marks(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
