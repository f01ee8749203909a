package dev.bulwark.adapters.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class JdbcPostgresIT extends JdbcContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }

    /** How the intake writes a batch on PostgreSQL: arrays and unnest, one text whatever the batch size. */
    @Test
    void arraysBindForUnnestWithNullsAndInstantsInOrder() {
        var jdbc = database.db().jdbc();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID());
        }
        List<String> names = new ArrayList<>();
        List<Instant> ats = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            names.add(i % 7 == 0 ? null : "row " + i + " with a comma, a \"quote\" and a {brace}");
            ats.add(Instant.parse("2026-11-21T08:00:00.123456789Z").plusSeconds(i));
        }
        int inserted = jdbc.update("insert into jdbc_probe (id, name, at) select * from unnest(?::uuid[], ?::text[],"
                + " ?::timestamptz[])", Jdbc.array("uuid", ids), Jdbc.array("text", names), Jdbc.array("timestamptz", ats));
        assertThat(inserted).isEqualTo(300);
        List<Object[]> read = jdbc.query("select id, name, at from jdbc_probe where id = any(?::uuid[]) order by at",
                rs -> new Object[] {Jdbc.uuid(rs, "id"), rs.getString("name"), Jdbc.instant(rs, "at")},
                Jdbc.array("uuid", ids));
        assertThat(read).hasSize(300);
        for (int i = 0; i < read.size(); i++) {
            assertThat(Arrays.asList(read.get(i))).containsExactly(ids.get(i), names.get(i),
                    Instant.parse("2026-11-21T08:00:00.123456Z").plusSeconds(i));
        }
        assertThat(jdbc.query("select unnest(?::int4[])", rs -> rs.getInt(1), Jdbc.array("int4", List.of(3, 1, 2))))
                .containsExactly(3, 1, 2);
    }

    /**
     * Two statements in one round trip: each answers its own rows, the second sees what the first wrote, and outside
     * a transaction they commit together or not at all (the second failing leaves nothing of the first).
     */
    @Test
    void twoStatementsInOneRoundTripAnswerTheirOwnRowsAndCommitTogether() {
        var jdbc = database.db().jdbc();
        UUID first = UUID.randomUUID();
        Jdbc.Query<UUID> insert = new Jdbc.Query<>("insert into jdbc_probe (id, name) values (?, ?) returning id",
                Arrays.asList(first, "both"), rs -> Jdbc.uuid(rs, "id"));
        Jdbc.Query<String> read = new Jdbc.Query<>("select name from jdbc_probe where id = ?", Arrays.asList(first),
                rs -> rs.getString("name"));

        Jdbc.Both<UUID, String> both = jdbc.queryBoth(insert, read);

        assertThat(both.first()).containsExactly(first);
        assertThat(both.second()).as("the second statement sees the first's row").containsExactly("both");

        UUID second = UUID.randomUUID();
        Jdbc.Query<UUID> insertAgain = new Jdbc.Query<>("insert into jdbc_probe (id, name) values (?, ?) returning id",
                Arrays.asList(second, "rolled back"), rs -> Jdbc.uuid(rs, "id"));
        Jdbc.Query<UUID> clash = new Jdbc.Query<>("insert into jdbc_probe (id, name) values (?, ?) returning id",
                Arrays.asList(first, "a taken id"), rs -> Jdbc.uuid(rs, "id"));
        assertThatThrownBy(() -> jdbc.queryBoth(insertAgain, clash))
                .isInstanceOf(IntegrityConstraintViolationException.class)
                .hasMessageNotContaining("rolled back").hasMessageNotContaining(first.toString());
        assertThat(jdbc.query("select count(*) from jdbc_probe where id = ?", rs -> rs.getInt(1), second))
                .as("the first statement went with the second").containsExactly(0);
    }
}
