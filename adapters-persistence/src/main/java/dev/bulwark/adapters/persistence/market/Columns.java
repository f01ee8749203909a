package dev.bulwark.adapters.persistence.market;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * How the trading stores write numbers, times and instruments, shared by the stores of orders, positions,
 * holdings and candles. Public only so that those packages can use it; it maps columns and nothing else.
 */
public final class Columns {
    /** NUMERIC(38,18): 20 digits before the point, 18 after. */
    public static final int SCALE = 18;
    public static final int INTEGER_DIGITS = 20;

    private Columns() {
    }

    /**
     * {@code value} as it will be stored, or a refusal when NUMERIC(38,18) cannot hold it exactly: PostgreSQL would
     * round away a 19th decimal without a word, and the value read back would not be the value written.
     */
    public static BigDecimal exact(BigDecimal value, String name) {
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = Math.max(stripped.scale(), 0);
        int integerDigits = stripped.precision() - stripped.scale();
        if (scale > SCALE || integerDigits > INTEGER_DIGITS) {
            throw new IllegalArgumentException(name + " " + value.toPlainString() + " does not fit " + INTEGER_DIGITS
                    + " digits before and " + SCALE + " after the point, so it cannot be stored exactly");
        }
        return value;
    }

    /** Like {@link #exact(BigDecimal, String)}, passing null through. */
    public static @Nullable BigDecimal exactOrNull(@Nullable BigDecimal value, String name) {
        return value == null ? null : exact(value, name);
    }

    /**
     * An instant as stored: UTC, to the microsecond (what both engines keep). Truncated here rather than rounded
     * by the database, so that a compare-and-set against a time the caller holds compares what was written.
     */
    public static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instrument instrument(String base, String quote, String market) {
        return new Instrument(new Asset(base), new Asset(quote), Market.valueOf(market));
    }
}
