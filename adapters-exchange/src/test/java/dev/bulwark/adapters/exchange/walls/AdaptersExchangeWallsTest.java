package dev.bulwark.adapters.exchange.walls;

import dev.bulwark.walls.Walls;
import dev.bulwark.walls.Walls.Module;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** This module's production classes against every wall of DESIGN.md that applies to it. */
class AdaptersExchangeWallsTest {
    @TestFactory
    Stream<DynamicTest> everyWallHolds() {
        return Walls.checks(Module.ADAPTERS_EXCHANGE);
    }
}
