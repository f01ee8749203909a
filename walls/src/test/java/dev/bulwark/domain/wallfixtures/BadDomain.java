package dev.bulwark.domain.wallfixtures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Deliberately bad classes, one per wall, placed where the walls look. Never imported by production scans. */
final class BadDomain {
    private BadDomain() {
    }

    static final class Good {
        BigDecimal price = BigDecimal.ONE;

        BigDecimal twice() {
            return price.add(price);
        }
    }

    static final class ReadsAFile {
        java.io.File file = new java.io.File("x");
    }

    static final class KeepsMoneyInADouble {
        double price;
    }

    static final class ReturnsAFloat {
        float price() {
            return 1f;
        }
    }

    static final class ConvertsBigDecimalToDouble {
        Object convert(BigDecimal amount) {
            return amount.doubleValue();
        }
    }

    static final class MakesBigDecimalFromDouble {
        BigDecimal make() {
            return new BigDecimal(Math.PI);
        }
    }

    static final class PrintsToStandardOut {
        void say() {
            System.out.println("hello");
        }
    }

    static final class UsesJavaUtilLogging {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("x");
    }

    static final class ThrowsAGenericException {
        void fail() {
            throw new RuntimeException("generic");
        }
    }

    static final class UsesJavaUtilDate {
        java.util.Date when = new java.util.Date(0L);
    }

    static final class ReadsTheSystemClock {
        Instant now() {
            return Instant.now();
        }
    }

    static final class MakesARandomId {
        UUID id() {
            return UUID.randomUUID();
        }
    }

    static final class UsesVertx {
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject();
    }

    static final class UsesJdbc {
        java.sql.Connection connection;
    }

    static final class UsesAFramework {
        com.tngtech.archunit.core.domain.JavaClass javaClass;
    }
}
