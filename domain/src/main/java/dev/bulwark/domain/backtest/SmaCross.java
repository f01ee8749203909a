package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import java.math.BigDecimal;
import java.util.List;

/**
 * The moving-average crossover: {@link SignalAction#BUY} when the simple moving average of the last {@code fast}
 * closes rises above that of the last {@code slow} closes (a golden cross), {@link SignalAction#SELL} when it falls
 * below (a death cross). Signals carry no quantity: the runner sizes them; on a spot market a SELL sells what the
 * run holds.
 *
 * <p>The averages are compared exactly: {@code fastSum / fast} against {@code slowSum / slow} as
 * {@code fastSum × slow} against {@code slowSum × fast}, so no rounding can invent or hide a cross.
 *
 * <p>A cross is a change of side. Nothing is signalled until {@code slow} closes have been seen, and the first side
 * the averages take only sets where they start: a cross needs a before. Equal averages are on neither side, so
 * touching and turning back (above, equal, above) is no cross, while passing through equality (above, equal,
 * below) is one, signalled when the other side is reached.
 */
public final class SmaCross implements Strategy {
    private final int fast;
    private final int slow;
    private final BigDecimal[] closes;
    private final CandleSequence sequence = new CandleSequence();
    private long seen;
    private BigDecimal fastSum = BigDecimal.ZERO;
    private BigDecimal slowSum = BigDecimal.ZERO;
    /** The last side the fast average was on: +1 above, -1 below, 0 before the first. */
    private int side;

    /**
     * @param fast the short window, at least 1
     * @param slow the long window, longer than {@code fast}
     */
    public SmaCross(int fast, int slow) {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("a crossover needs 1 <= fast < slow, was fast " + fast + " and slow " + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.closes = new BigDecimal[slow];
    }

    public int fast() {
        return fast;
    }

    public int slow() {
        return slow;
    }

    @Override
    public List<TradeSignal> onCandle(Candle candle) {
        sequence.accept(candle);
        // a ring of the last `slow` closes; each sum drops the close that leaves its window before the new one enters
        int slot = (int) (seen % slow);
        if (seen >= slow) {
            slowSum = slowSum.subtract(closes[slot]);
        }
        if (seen >= fast) {
            fastSum = fastSum.subtract(closes[(int) ((seen - fast) % slow)]);
        }
        closes[slot] = candle.close();
        slowSum = slowSum.add(candle.close());
        fastSum = fastSum.add(candle.close());
        seen++;
        if (seen < slow) {
            return List.of();
        }
        int now = fastSum.multiply(BigDecimal.valueOf(slow)).compareTo(slowSum.multiply(BigDecimal.valueOf(fast)));
        if (now == 0) {
            return List.of();
        }
        int before = side;
        side = now;
        if (before == 0 || before == now) {
            return List.of();
        }
        SignalAction action = now > 0 ? SignalAction.BUY : SignalAction.SELL;
        return List.of(TradeSignal.of(candle.closeTime(), action, candle.instrument()));
    }
}
