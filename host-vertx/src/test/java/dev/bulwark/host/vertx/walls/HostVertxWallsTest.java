package dev.bulwark.host.vertx.walls;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.bulwark.walls.Walls;
import dev.bulwark.walls.Walls.Module;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** This module's production classes against every wall of DESIGN.md that applies to it. */
class HostVertxWallsTest {
    private static final Module MODULE = Module.HOST_VERTX;

    @TestFactory
    Stream<DynamicTest> everyWallHolds() {
        JavaClasses classes = Walls.productionClassesOf(MODULE);
        return Walls.forModule(MODULE).stream()
                .map(rule -> dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
