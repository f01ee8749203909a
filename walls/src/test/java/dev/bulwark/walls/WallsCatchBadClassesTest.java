package dev.bulwark.walls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.bulwark.walls.Walls.Module;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wall is shown to fail on a deliberately bad class (and to hold on a good one, so a rule that always
 * fails would be caught too). The fixtures live in this module's test sources, in the packages the rules
 * watch, and are never part of a production scan.
 */
class WallsCatchBadClassesTest {
    private static final String DOMAIN = "dev.bulwark.domain.wallfixtures.BadDomain$";
    private static final String PORTS = "dev.bulwark.ports.wallfixtures.BadPorts$";
    private static final String GOOD = DOMAIN + "Good";

    static Stream<Arguments> walls() {
        return Stream.of(
                arguments("domain depends on the JDK only", Walls.domainDependsOnTheJdkOnly(), DOMAIN + "UsesAFramework", GOOD),
                arguments("domain does no file I/O", Walls.domainDependsOnTheJdkOnly(), DOMAIN + "ReadsAFile", GOOD),
                arguments("no framework or I/O in the core", Walls.noFrameworkOrIo(Module.DOMAIN), DOMAIN + "ReadsAFile", GOOD),
                arguments("no double money (field)", Walls.noFloatingPointMoney(Module.DOMAIN), DOMAIN + "KeepsMoneyInADouble", GOOD),
                arguments("no float money (return)", Walls.noFloatingPointMoney(Module.DOMAIN), DOMAIN + "ReturnsAFloat", GOOD),
                arguments("no BigDecimal to double", Walls.noFloatingPointMoney(Module.DOMAIN), DOMAIN + "ConvertsBigDecimalToDouble", GOOD),
                arguments("no BigDecimal from double", Walls.noFloatingPointMoney(Module.DOMAIN), DOMAIN + "MakesBigDecimalFromDouble", GOOD),
                arguments("no standard streams", Walls.noStandardStreams(), DOMAIN + "PrintsToStandardOut", GOOD),
                arguments("only a host's Main may print", Walls.noStandardStreams(), "dev.bulwark.domain.wallfixtures.cli.Main",
                        "dev.bulwark.host.vertx.wallfixtures.Main," + GOOD),
                arguments("every package is @NullMarked", Walls.everyPackageIsNullMarked(),
                        "dev.bulwark.domain.wallfixtures.unmarked.Unmarked",
                        "dev.bulwark.domain.wallfixtures.marked.Marked,dev.bulwark.domain.wallfixtures.marked.package-info"),
                arguments("no java.util.logging", Walls.noJavaUtilLogging(), DOMAIN + "UsesJavaUtilLogging", GOOD),
                arguments("no generic exceptions", Walls.noGenericExceptions(), DOMAIN + "ThrowsAGenericException", GOOD),
                arguments("no java.util.Date", Walls.noJavaUtilDate(), DOMAIN + "UsesJavaUtilDate", GOOD),
                arguments("no system clock", Walls.noSystemClockOrRandomIdsOutsideTheirPorts(), DOMAIN + "ReadsTheSystemClock", GOOD),
                arguments("no random UUID", Walls.noSystemClockOrRandomIdsOutsideTheirPorts(), DOMAIN + "MakesARandomId", GOOD),
                arguments("Vert.x only in host-vertx", Walls.vertxOnlyInHostVertx(), DOMAIN + "UsesVertx", GOOD),
                arguments("SQL only in persistence", Walls.sqlOnlyInPersistenceAndTheCompositionRoot(), DOMAIN + "UsesJdbc", GOOD),
                arguments("ports take only annotations", Walls.portsDependOnlyOnAllowedAnnotations(), PORTS + "DependsOnALibrary", PORTS + "GoodCommand"),
                arguments("ports hold only contracts", Walls.portsHoldOnlyContracts(), PORTS + "ServiceWithBehaviour", PORTS + "GoodUseCase"),
                arguments("driving apart from driven", Walls.drivingDoesNotDependOnDriven(),
                        "dev.bulwark.ports.driving.wallfixtures.DrivingUsesDriven", "dev.bulwark.ports.driving.wallfixtures.GoodDrivingPort"),
                arguments("driven apart from driving", Walls.drivenDoesNotDependOnDriving(),
                        "dev.bulwark.ports.driven.wallfixtures.DrivenUsesDriving", "dev.bulwark.ports.driven.wallfixtures.GoodDrivenPort"),
                arguments("application services hide behind the factory", Walls.applicationServicesHideBehindTheFactory(),
                        "dev.bulwark.application.wallfixtures.BadApplication$OrderService",
                        "dev.bulwark.application.wallfixtures.BadApplication$GoodFactory"),
                arguments("adapters stand alone", Walls.adaptersStandAlone(Module.ADAPTERS_EXCHANGE),
                        "dev.bulwark.adapters.exchange.wallfixtures.AdapterUsesApplication", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walls")
    void eachWallFailsOnABadClassAndHoldsOnAGoodOne(String wall, ArchRule rule, String badClass, String goodClass) {
        assertThatThrownBy(() -> rule.check(importClasses(badClass)))
                .as(wall + " must fail on " + badClass)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(badClass.substring(badClass.lastIndexOf('.') + 1));
        if (goodClass != null) {
            assertThatCode(() -> rule.check(importClasses(goodClass.split(",")))).as(wall + " must hold on " + goodClass)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aPackageCycleFails() {
        ArchRule rule = Walls.noPackageCycles(Module.DOMAIN);
        assertThatThrownBy(() -> rule.check(importClasses(
                "dev.bulwark.domain.wallfixtures.cyclea.A", "dev.bulwark.domain.wallfixtures.cycleb.B")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle");
        assertThatCode(() -> rule.check(importClasses("dev.bulwark.domain.wallfixtures.cyclea.A")))
                .doesNotThrowAnyException();
    }

    @Test
    void theSystemClockMayBeReadBehindItsPort() {
        assertThatCode(() -> Walls.noSystemClockOrRandomIdsOutsideTheirPorts()
                .check(importClasses("dev.bulwark.host.embedded.system.wallfixtures.SystemClock", GOOD)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRuleThatMatchesNothingFailsRatherThanPassing() {
        JavaClasses nothingInThePorts = importClasses(GOOD);
        assertThatThrownBy(() -> Walls.portsHoldOnlyContracts().check(nothingInThePorts))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void everyModuleHasItsWalls() {
        for (Module module : Module.values()) {
            assertThat(Walls.forModule(module)).as(module.name()).hasSizeGreaterThanOrEqualTo(7);
        }
    }

    private static JavaClasses importClasses(String... names) {
        Class<?>[] classes = Arrays.stream(names).map(WallsCatchBadClassesTest::load).toArray(Class<?>[]::new);
        return new ClassFileImporter().importClasses(classes);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, WallsCatchBadClassesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("missing wall fixture " + name, e);
        }
    }
}
