package dev.bulwark.ports.driven.market;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.portfolio.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One {@code base} is worth {@code price} {@code quote}, as {@code source} said at {@code at}: a venue's last
 * trade ({@code binance}, {@code kraken}), a replayed candle's close ({@code replay-coinbase}), or an assumption.
 *
 * <p>The two flags are what a user must be told before trusting a value built on the quote:
 * <ul>
 *   <li>{@code stale}: the quote is older than its source promises (every live source failed and a cached
 *       answer was served, or the replayed history ended before now). The price was real once.
 *   <li>{@code assumed}: no market gave it: a USD stablecoin at its one-dollar {@linkplain #PEG peg}, or a
 *       {@linkplain #CONFIGURED configured} EUR rate. The price was never observed.
 * </ul>
 * A quote derived from several (a cross rate) names each source joined by {@code +}
 * ({@code binance+kraken}), is as old as its oldest part, and carries either flag if any part does.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Quote(Asset base, Asset quote, BigDecimal price, Instant at, String source, boolean stale,
        boolean assumed) {
    /** The source of a USD stablecoin taken at one US dollar for want of a market. */
    public static final String PEG = "peg";
    /** The source of a rate set in the configuration (the offline EUR rate). */
    public static final String CONFIGURED = "configured";

    private static final String NAME = "[a-z][a-z0-9-]{0,31}";
    private static final Pattern SOURCE = Pattern.compile(NAME + "(\\+" + NAME + "){0,7}");

    public Quote {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("a quote needs two different assets, was " + base + "/" + quote);
        }
        price = Decimals.requirePositive(price, "price");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("a quote's source is one to eight names of lower case letters, digits"
                    + " and '-' joined by '+', was '" + source + "'");
        }
        if ((source.equals(PEG) || source.equals(CONFIGURED)) && !assumed) {
            throw new IllegalArgumentException("a quote from '" + source + "' is an assumption and must say so");
        }
    }

    /** {@code stablecoin} at one US dollar, flagged assumed. */
    public static Quote peg(Asset stablecoin, Instant at) {
        if (!stablecoin.isUsdStablecoin()) {
            throw new IllegalArgumentException(stablecoin + " is not a USD stablecoin: it has no peg to assume");
        }
        return new Quote(stablecoin, Asset.USD, BigDecimal.ONE, at, PEG, false, true);
    }

    /** {@code BASE/QUOTE}. */
    public String pair() {
        return base.code() + "/" + quote.code();
    }

    /** The same quote as a price for a {@link dev.bulwark.domain.portfolio.PriceTable} (flags and time dropped). */
    public Price toPrice() {
        return new Price(base, quote, price);
    }

    /** One {@code quote} in {@code base}: {@code 1 / price} at {@link Decimals#DIVISION_SCALE}, same flags. */
    public Quote inverse() {
        return new Quote(quote, base, Decimals.divide(BigDecimal.ONE, price), at, source, stale, assumed);
    }

    /** This quote flagged stale. */
    public Quote markedStale() {
        return stale ? this : new Quote(base, quote, price, at, source, true, assumed);
    }

    @Override
    public String toString() {
        return pair() + " " + price.toPlainString() + " from " + source + " at " + at + (stale ? " (stale)" : "")
                + (assumed ? " (assumed)" : "");
    }
}
