package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Dollar-cost averaging: buy {@code quoteAmount} worth every {@code interval}, whatever the price.
 *
 * <p>The schedule starts at the first candle's opening time and steps by {@code interval}: a candle that opens at
 * or after the next due time buys, at its close price, and the next due time is the first step after that
 * candle's opening. So a gap in the data costs the buys it covers instead of catching up with several at once, and
 * there is at most one buy per candle (an interval shorter than the candles buys once per candle). The quantity is
 * {@code quoteAmount / close} rounded down at {@link Decimals#DIVISION_SCALE}, so a buy never spends more than the
 * amount; the runner still fits it to the venue's lot step.
 */
public final class Dca implements Strategy {
    private final Duration interval;
    private final BigDecimal quoteAmount;
    private final CandleSequence sequence = new CandleSequence();
    private @Nullable Instant due;

    public Dca(Duration interval, BigDecimal quoteAmount) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a DCA interval is positive, was " + interval);
        }
        this.interval = interval;
        this.quoteAmount = Decimals.requirePositive(quoteAmount, "quoteAmount");
    }

    public Duration interval() {
        return interval;
    }

    public BigDecimal quoteAmount() {
        return quoteAmount;
    }

    @Override
    public List<TradeSignal> onCandle(Candle candle) {
        sequence.accept(candle);
        Instant opens = candle.openTime();
        Instant next = due == null ? opens : due;
        if (opens.isBefore(next)) {
            return List.of();
        }
        while (!next.isAfter(opens)) {
            next = next.plus(interval);
        }
        due = next;
        BigDecimal quantity = Decimals.normalize(quoteAmount.divide(candle.close(), Decimals.DIVISION_SCALE, RoundingMode.DOWN));
        if (quantity.signum() == 0) {
            return List.of(); // the amount buys less than 10^-18 units: nothing to signal
        }
        return List.of(new TradeSignal(candle.closeTime(), SignalAction.BUY, candle.instrument(), quantity, null, null));
    }
}
