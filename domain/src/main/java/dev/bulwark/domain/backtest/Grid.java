package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Grid trading between {@code lower} and {@code upper}: {@code levels} evenly spaced prices, both bounds
 * included ({@code lower + (upper − lower) × i / (levels − 1)}, at {@link Decimals#DIVISION_SCALE}). Each level
 * but the top one holds at most one lot of {@code quantityPerLevel}:
 * <ul>
 *   <li>when the close crosses <b>down through</b> a level whose lot is not held (the previous close above it, this
 *       close at or below it), the grid {@link SignalAction#BUY buys} that lot;</li>
 *   <li>when the close crosses <b>up through the next level</b> above a held lot (the previous close below it, this
 *       close at or above it), the grid {@link SignalAction#SELL sells} that lot, taking one grid step of profit.</li>
 * </ul>
 * A move across several levels in one candle signals once per level, buys from the highest level down, sells from
 * the lowest up. The grid only ever sells lots it bought, so it never goes short. It works on closes: a swing
 * inside one candle that the close does not keep is not traded, because the order of a candle's high and low is
 * unknown. The first candle only sets the starting price: a cross needs a before.
 */
public final class Grid implements Strategy {
    private final BigDecimal lower;
    private final BigDecimal upper;
    private final BigDecimal quantityPerLevel;
    private final List<BigDecimal> prices;
    private final boolean[] held;
    private final CandleSequence sequence = new CandleSequence();
    private @Nullable BigDecimal previous;

    /**
     * @param lower the lowest level, positive
     * @param upper the highest level, above {@code lower}
     * @param levels how many levels, at least 2
     * @param quantityPerLevel the lot bought at each level, in base units, positive
     */
    public Grid(BigDecimal lower, BigDecimal upper, int levels, BigDecimal quantityPerLevel) {
        this.lower = Decimals.requirePositive(lower, "lower");
        this.upper = Decimals.requirePositive(upper, "upper");
        if (this.upper.compareTo(this.lower) <= 0) {
            throw new IllegalArgumentException("a grid's upper bound is above its lower, was " + this.lower.toPlainString()
                    + " to " + this.upper.toPlainString());
        }
        if (levels < 2) {
            throw new IllegalArgumentException("a grid has at least 2 levels, was " + levels);
        }
        this.quantityPerLevel = Decimals.requirePositive(quantityPerLevel, "quantityPerLevel");
        BigDecimal span = this.upper.subtract(this.lower);
        List<BigDecimal> levelPrices = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            levelPrices.add(i == levels - 1 ? this.upper
                    : Decimals.normalize(this.lower.add(Decimals.divide(span.multiply(BigDecimal.valueOf(i)),
                            BigDecimal.valueOf(levels - 1)))));
        }
        this.prices = List.copyOf(levelPrices);
        this.held = new boolean[levels - 1];
    }

    public BigDecimal lower() {
        return lower;
    }

    public BigDecimal upper() {
        return upper;
    }

    public BigDecimal quantityPerLevel() {
        return quantityPerLevel;
    }

    /** The level prices, lowest first, both bounds included. */
    public List<BigDecimal> levels() {
        return prices;
    }

    @Override
    public List<TradeSignal> onCandle(Candle candle) {
        Objects.requireNonNull(candle, "candle");
        sequence.accept(candle);
        BigDecimal close = candle.close();
        BigDecimal before = previous;
        previous = close;
        if (before == null) {
            return List.of();
        }
        List<TradeSignal> signals = new ArrayList<>();
        int move = close.compareTo(before);
        if (move < 0) {
            for (int i = held.length - 1; i >= 0; i--) {
                BigDecimal level = prices.get(i);
                if (!held[i] && before.compareTo(level) > 0 && close.compareTo(level) <= 0) {
                    held[i] = true;
                    signals.add(signal(candle, SignalAction.BUY));
                }
            }
        } else if (move > 0) {
            for (int i = 0; i < held.length; i++) {
                BigDecimal next = prices.get(i + 1);
                if (held[i] && before.compareTo(next) < 0 && close.compareTo(next) >= 0) {
                    held[i] = false;
                    signals.add(signal(candle, SignalAction.SELL));
                }
            }
        }
        return List.copyOf(signals);
    }

    private TradeSignal signal(Candle candle, SignalAction action) {
        return new TradeSignal(candle.closeTime(), action, candle.instrument(), quantityPerLevel, null, null);
    }
}
