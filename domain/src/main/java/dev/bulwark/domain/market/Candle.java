package dev.bulwark.domain.market;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One bar of market data: the prices of {@code instrument} over one {@code interval} from {@code openTime}, as
 * {@code source} reported them ({@code coinbase}, {@code binance}, {@code replay}). Sources are kept apart because
 * venues' prices differ, and a chart or a backtest should say whose prices it used. {@code volume} is in the base
 * asset.
 *
 * <p>Prices are positive, {@code low <= open, close <= high}, volume is zero or more (an interval without trades
 * is a candle of zero volume) and {@code openTime} is {@linkplain CandleInterval#isAligned aligned} to the
 * interval, so the same bar from two fetches has the same key. Market data belongs to no workspace.
 */
public record Candle(
        Instrument instrument,
        String source,
        CandleInterval interval,
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume) {

    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Candle {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(source, "source");
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("a candle source is lower case letters, digits and '-', 1 to 32 long,"
                    + " starting with a letter, was '" + source + "'");
        }
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(openTime, "openTime");
        if (!interval.isAligned(openTime)) {
            throw new IllegalArgumentException("a " + interval + " candle opens on a multiple of " + interval.duration()
                    + " since the epoch, was " + openTime);
        }
        open = Decimals.requirePositive(open, "open");
        high = Decimals.requirePositive(high, "high");
        low = Decimals.requirePositive(low, "low");
        close = Decimals.requirePositive(close, "close");
        volume = Decimals.requireNonNegative(volume, "volume");
        if (low.compareTo(open.min(close)) > 0 || high.compareTo(open.max(close)) < 0) {
            throw new IllegalArgumentException("a candle has low <= open, close <= high, was open " + open.toPlainString()
                    + " high " + high.toPlainString() + " low " + low.toPlainString() + " close " + close.toPlainString());
        }
    }

    /** When the interval ends (exclusive): the next candle's opening time. */
    public Instant closeTime() {
        return openTime.plus(interval.duration());
    }
}
