package dev.bulwark.walls;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The walls of DESIGN.md that Maven cannot enforce, as ArchUnit rules. Each module's wall test checks its own
 * production classes against {@link #forModule(Module)}; {@code WallsCatchBadClassesTest} proves every rule
 * fails on a deliberately bad class. Rules never allow an empty check ({@code failOnEmptyShould} stays on), so
 * a rule that matches nothing fails instead of passing silently.
 */
public final class Walls {

    /** Each module owns one root package; its wall test imports exactly that package. */
    public enum Module {
        DOMAIN("dev.bulwark.domain"),
        PORTS("dev.bulwark.ports"),
        APPLICATION("dev.bulwark.application"),
        ADAPTERS_EXCHANGE("dev.bulwark.adapters.exchange"),
        ADAPTERS_PERSISTENCE("dev.bulwark.adapters.persistence"),
        ADAPTERS_ML("dev.bulwark.adapters.ml"),
        HOST_EMBEDDED("dev.bulwark.host.embedded"),
        HOST_VERTX("dev.bulwark.host.vertx"),
        SDK("dev.bulwark.sdk");

        private final String rootPackage;

        Module(String rootPackage) {
            this.rootPackage = rootPackage;
        }

        public String rootPackage() {
            return rootPackage;
        }

        public String allPackages() {
            return rootPackage + "..";
        }
    }

    /** jOOQ's generated classes (schema, tables, records): not ours to shape, and cyclic by design. */
    public static final String GENERATED_JOOQ_PATH = "/dev/bulwark/adapters/persistence/jooq/";

    /** Where the system clock and random UUIDs may be read: the adapters behind TimeSource and IdGenerator. */
    public static final String SYSTEM_PORTS_PACKAGE = "dev.bulwark.host.embedded.system..";

    private static final String[] FRAMEWORKS_AND_IO = {
        "io.vertx..", "org.jooq..", "org.flywaydb..", "com.zaxxer.hikari..", "java.sql..", "javax.sql..",
        "com.fasterxml.jackson..", "jakarta.json..", "com.google.gson..", "java.net..", "java.nio.file..",
        "org.slf4j..", "ch.qos.logback..", "java.util.logging..", "dev.failsafe..", "com.github.benmanes.caffeine..",
        "org.hibernate..", "jakarta.persistence..", "io.micrometer.."
    };

    private Walls() {
    }

    /** The production classes of one module (tests and jars excluded). */
    public static JavaClasses productionClassesOf(Module module) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(location -> !location.contains(GENERATED_JOOQ_PATH))
                .importPackages(module.rootPackage());
    }

    /** One dynamic test per wall for a module's production classes: what each module's {@code *WallsTest} returns. */
    public static Stream<DynamicTest> checks(Module module) {
        JavaClasses classes = productionClassesOf(module);
        return forModule(module).stream().map(rule ->
                DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }

    /** Every rule that applies to a module's own classes. */
    public static List<ArchRule> forModule(Module module) {
        List<ArchRule> rules = new ArrayList<>(common(module));
        switch (module) {
            case DOMAIN -> {
                rules.add(domainDependsOnTheJdkOnly());
                rules.add(noFrameworkOrIo(Module.DOMAIN));
                rules.add(noFloatingPointMoney(Module.DOMAIN));
            }
            case PORTS -> {
                rules.add(portsDependOnlyOnAllowedAnnotations());
                rules.add(noFrameworkOrIo(Module.PORTS));
                rules.add(portsHoldOnlyContracts());
                rules.add(drivingDoesNotDependOnDriven());
                rules.add(drivenDoesNotDependOnDriving());
                rules.add(noFloatingPointMoney(Module.PORTS));
            }
            case APPLICATION -> {
                rules.add(noFrameworkOrIo(Module.APPLICATION));
                rules.add(applicationServicesHideBehindTheFactory());
                rules.add(noFloatingPointMoney(Module.APPLICATION));
            }
            case ADAPTERS_EXCHANGE, ADAPTERS_PERSISTENCE, ADAPTERS_ML -> rules.add(adaptersStandAlone(module));
            case HOST_EMBEDDED, HOST_VERTX, SDK -> {
                // hosts compose everything; the common rules are theirs
            }
        }
        return List.copyOf(rules);
    }

    /** Rules for every module. */
    static List<ArchRule> common(Module module) {
        List<ArchRule> rules = new ArrayList<>(List.of(
                noPackageCycles(module),
                everyPackageIsNullMarked(),
                noStandardStreams(),
                noJavaUtilLogging(),
                noGenericExceptions(),
                noJavaUtilDate(),
                noSystemClockOrRandomIdsOutsideTheirPorts()));
        // a module is not checked against the one rule that exempts it: there would be nothing to check
        if (module != Module.HOST_VERTX) {
            rules.add(vertxOnlyInHostVertx());
        }
        if (module != Module.ADAPTERS_PERSISTENCE && module != Module.HOST_EMBEDDED) {
            rules.add(sqlOnlyInPersistenceAndTheCompositionRoot());
        }
        return rules;
    }

    /** Every package says what it is for and is null-marked: JSpecify's {@code @NullMarked} on its package-info. */
    public static ArchRule everyPackageIsNullMarked() {
        return classes().that(describe("are not a package-info", (JavaClass c) -> !c.getSimpleName().equals("package-info")))
                .should(new ArchCondition<JavaClass>("reside in a package whose package-info is @NullMarked") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        boolean marked = javaClass.getPackage().tryGetPackageInfo()
                                .map(info -> info.isAnnotatedWith("org.jspecify.annotations.NullMarked"))
                                .orElse(false);
                        if (!marked) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getPackageName()
                                    + " has no package-info.java marked @NullMarked (" + javaClass.getSimpleName() + ")"));
                        }
                    }
                });
    }

    public static ArchRule noPackageCycles(Module module) {
        // every package under dev.bulwark is its own slice (a module's wall test imports only that module)
        return slices().matching("dev.bulwark.(**)").should().beFreeOfCycles()
                .as("no package cycles in " + module.rootPackage());
    }

    /** A host's command-line entry point ({@code Main}) answers {@code --help} and bad settings on the console. */
    public static final String CLI_ENTRY_POINT = "Main";

    public static ArchRule noStandardStreams() {
        return noClasses().that(describe("are not a host's command-line entry point", (JavaClass c) ->
                        !(c.getSimpleName().equals(CLI_ENTRY_POINT) && c.getPackageName().startsWith("dev.bulwark.host."))))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("output goes through SLF4J; the domain and application say nothing themselves");
    }

    public static ArchRule noJavaUtilLogging() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
    }

    public static ArchRule noGenericExceptions() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
                .because("failures are IllegalArgumentException for invariants or the ports.errors family with a stable code");
    }

    public static ArchRule noJavaUtilDate() {
        return noClasses().should().dependOnClassesThat().belongToAnyOf(java.util.Date.class, java.util.Calendar.class)
                .because("time is java.time, read from the TimeSource port");
    }

    public static ArchRule noSystemClockOrRandomIdsOutsideTheirPorts() {
        DescribedPredicate<JavaCall<?>> readsClockOrRandomId = describe("read the system clock or a random UUID",
                call -> isClockOrRandomId(call.getTargetOwner().getName(), call.getName()));
        return noClasses().that().resideOutsideOfPackage(SYSTEM_PORTS_PACKAGE)
                .should().callCodeUnitWhere(readsClockOrRandomId)
                .because("time comes from TimeSource and ids from IdGenerator, so tests can fix both");
    }

    private static boolean isClockOrRandomId(String owner, String method) {
        return switch (owner) {
            case "java.time.Instant", "java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime",
                 "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.Year", "java.time.YearMonth" ->
                    method.equals("now");
            case "java.time.Clock" -> method.startsWith("system");
            case "java.lang.System" -> method.equals("currentTimeMillis");
            case "java.util.UUID" -> method.equals("randomUUID");
            default -> false;
        };
    }

    public static ArchRule vertxOnlyInHostVertx() {
        return noClasses().that().resideOutsideOfPackage(Module.HOST_VERTX.allPackages())
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("Vert.x is the HTTP host's business; everything else runs without it");
    }

    public static ArchRule sqlOnlyInPersistenceAndTheCompositionRoot() {
        return noClasses().that().resideOutsideOfPackages(
                        Module.ADAPTERS_PERSISTENCE.allPackages(), Module.HOST_EMBEDDED.allPackages())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.jooq..", "java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer.hikari..")
                .because("storage is an adapter behind driven ports; only it and the composition root touch SQL");
    }

    public static ArchRule domainDependsOnTheJdkOnly() {
        return classes().that().resideInAPackage(Module.DOMAIN.allPackages())
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                        "java.lang..", "java.math..", "java.time..", "java.util..", "java.io", "java.lang.invoke..",
                        "java.lang.runtime..", "org.jspecify.annotations..", Module.DOMAIN.allPackages())
                        .and(describe("are not java.io's file or stream I/O", (JavaClass c) ->
                                !c.getPackageName().equals("java.io") || ALLOWED_JAVA_IO.contains(c.getSimpleName()))))
                .because("the domain is plain Java: no framework, no I/O, no SQL, no network");
    }

    private static final Set<String> ALLOWED_JAVA_IO = Set.of("Serializable", "Serial", "UncheckedIOException");

    public static ArchRule noFrameworkOrIo(Module module) {
        return noClasses().that().resideInAPackage(module.allPackages())
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS_AND_IO)
                .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                        java.io.FileOutputStream.class, java.net.http.HttpClient.class)
                .because(module.rootPackage() + " knows nothing of Vert.x, jOOQ, HTTP, JSON, files or logging frameworks");
    }

    public static ArchRule portsDependOnlyOnAllowedAnnotations() {
        return classes().that().resideInAPackage(Module.PORTS.allPackages())
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                        "java..", "dev.bulwark.domain..", Module.PORTS.allPackages(),
                        "jakarta.validation", "jakarta.validation.constraints..",
                        "org.apiguardian.api..", "org.jspecify.annotations.."))
                .because("ports take from outside the JDK only annotations: Bean Validation, apiguardian, JSpecify");
    }

    public static ArchRule portsHoldOnlyContracts() {
        return classes().that().resideInAPackage(Module.PORTS.allPackages())
                .and(describe("are not compiler-generated", (JavaClass c) ->
                        !c.getModifiers().contains(JavaModifier.SYNTHETIC) && !c.isAnonymousClass()
                                && !c.getSimpleName().equals("package-info")))
                .should(new ArchCondition<JavaClass>("be an interface, a record, an enum or an exception") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        boolean contract = javaClass.isInterface() || javaClass.isRecord() || javaClass.isEnum()
                                || javaClass.isAssignableTo(Throwable.class) || javaClass.isAnnotation()
                                || isEnumConstantBody(javaClass);
                        if (!contract) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                                    + " is a class with behaviour; ports hold only interfaces, records, enums and exceptions"));
                        }
                    }
                });
    }

    private static boolean isEnumConstantBody(JavaClass javaClass) {
        return javaClass.getRawSuperclass().map(JavaClass::isEnum).orElse(false);
    }

    public static ArchRule drivingDoesNotDependOnDriven() {
        return noClasses().that().resideInAPackage("dev.bulwark.ports.driving..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.ports.driven..")
                .because("the use-case API and the application's needs evolve apart");
    }

    public static ArchRule drivenDoesNotDependOnDriving() {
        return noClasses().that().resideInAPackage("dev.bulwark.ports.driven..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.ports.driving..")
                .because("the use-case API and the application's needs evolve apart");
    }

    public static ArchRule applicationServicesHideBehindTheFactory() {
        return classes().that().resideInAPackage(Module.APPLICATION.allPackages())
                .and().arePublic()
                .should().haveSimpleNameEndingWith("Factory")
                .because("services are package-private; hosts reach them only through the one public factory");
    }

    public static ArchRule adaptersStandAlone(Module adapter) {
        List<String> others = new ArrayList<>(List.of("dev.bulwark.application..", "dev.bulwark.host..", "dev.bulwark.sdk.."));
        for (Module m : List.of(Module.ADAPTERS_EXCHANGE, Module.ADAPTERS_PERSISTENCE, Module.ADAPTERS_ML)) {
            if (m != adapter) {
                others.add(m.allPackages());
            }
        }
        return noClasses().that().resideInAPackage(adapter.allPackages())
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("an adapter implements driven ports and depends on nothing but ports and domain");
    }

    /**
     * Money is never floating point: no field, parameter or return value of type double/float, and no
     * conversion of a BigDecimal to or from one. (Ratios such as a Sharpe ratio are BigDecimal too: one kind of
     * number in the core, and no rounding surprises.)
     */
    public static ArchRule noFloatingPointMoney(Module module) {
        return classes().that().resideInAPackage(module.allPackages())
                .should(new ArchCondition<JavaClass>("use no double or float, and never convert BigDecimal to or from them") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        for (JavaField field : javaClass.getFields()) {
                            if (isFloatingPoint(field.getRawType())) {
                                events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is " + field.getRawType().getName()));
                            }
                        }
                        for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
                            if (isFloatingPoint(unit.getRawReturnType())
                                    || unit.getRawParameterTypes().stream().anyMatch(Walls::isFloatingPoint)) {
                                events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes or returns a floating-point number"));
                            }
                            unit.getMethodCallsFromSelf().stream()
                                    .filter(call -> call.getTargetOwner().isEquivalentTo(java.math.BigDecimal.class)
                                            && Set.of("doubleValue", "floatValue").contains(call.getName()))
                                    .forEach(call -> events.add(SimpleConditionEvent.violated(call, call.getDescription())));
                            unit.getConstructorCallsFromSelf().stream()
                                    .filter(call -> call.getTargetOwner().isEquivalentTo(java.math.BigDecimal.class)
                                            && call.getTarget().getRawParameterTypes().stream().anyMatch(Walls::isFloatingPoint))
                                    .forEach(call -> events.add(SimpleConditionEvent.violated(call, call.getDescription())));
                        }
                    }
                });
    }

    private static boolean isFloatingPoint(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.isEquivalentTo(double.class) || base.isEquivalentTo(float.class)
                || base.isEquivalentTo(Double.class) || base.isEquivalentTo(Float.class);
    }
}
