package dev.bulwark.adapters.persistence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Every migration meant for this engine is applied: the shared ones and those of its vendor folder. (A vendor
 * folder that Flyway silently skipped once left PostgreSQL without the queue's index of due jobs.)
 */
abstract class SchemaContract extends StoreContract {

    @Test
    void everyCommonAndVendorMigrationIsApplied() throws IOException {
        String vendor = engine() == TestDatabases.Engine.POSTGRES ? "postgresql" : "h2";
        List<String> expected = Stream.concat(versions("common"), versions(vendor)).sorted().toList();

        List<String> applied = database.dsl()
                .select(DSL.field("version", String.class))
                .from(DSL.table("flyway_schema_history"))
                .where(DSL.field("version").isNotNull())
                .fetch(0, String.class)
                .stream().sorted().toList();

        assertThat(applied).isEqualTo(expected).contains("10");
    }

    private static Stream<String> versions(String folder) {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
