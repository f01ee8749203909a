package dev.bulwark.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void aSchemaNameCarriesTheSecondItWasNamed() {
        long before = Instant.now().getEpochSecond();
        String name = TestDatabases.schemaName("crash");
        long after = Instant.now().getEpochSecond();

        assertThat(name).matches("crash_[0-9]{10}_[0-9a-f]{12}");
        long named = Long.parseLong(name.split("_")[1]);
        assertThat(named).isBetween(before, after);
        assertThat(TestDatabases.schemaName("crash")).isNotEqualTo(name);
    }

    @Test
    void onlyTestSchemasNamedBeforeTheCutoffAreLeftBehind() {
        Instant cutoff = Instant.ofEpochSecond(1_800_000_000L);
        List<String> schemas = List.of(
                "t_1799999999_0123456789ab",    // a second before: left behind
                "upgrade_1700000000_abcdefabcdef", // long before: left behind
                "t_1800000000_0123456789ab",    // at the cutoff: kept
                "two_1900000000_0123456789ab",  // a run going on now: kept
                "public", "pg_catalog", "information_schema", "load_bench",
                "t_0123456789abcdef0123",       // the old form (random only): not ours to judge by age
                "T_1700000000_0123456789ab",    // not a name schemaName gives
                "t_1700000000_0123456789abc");  // one digit too many

        assertThat(TestDatabases.leftBehind(schemas, cutoff))
                .containsExactly("t_1799999999_0123456789ab", "upgrade_1700000000_abcdefabcdef");
    }
}
