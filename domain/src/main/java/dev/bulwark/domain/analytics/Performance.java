package dev.bulwark.domain.analytics;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run or an account performed, from its equity curve and its closed trades. Every figure is a
 * {@link BigDecimal}; quotients are taken at {@link Decimals#DIVISION_SCALE} decimals with
 * {@link Decimals#ROUNDING} (half even) and stored normalized, like every domain amount.
 *
 * @param totalReturn {@code (last equity − first equity) / first equity}: 0.4 is +40 %, −1 all lost
 * @param maxDrawdown the largest fall from a peak to a later point, as a share of the peak (see {@link #of})
 * @param tradeCount the closed trades
 * @param wins trades with a P&amp;L above zero
 * @param losses trades with a P&amp;L below zero; trades at exactly zero count in neither
 * @param winRate {@code wins / tradeCount}; null without trades, where it is undefined rather than 0
 * @param grossProfit the sum of the winning trades' P&amp;L
 * @param grossLoss the sum of the losing trades' P&amp;L as a magnitude (zero or more)
 * @param profitFactor {@code grossProfit / grossLoss}; null when nothing was lost, where it is unbounded
 * @param netProfit {@code grossProfit − grossLoss}
 */
public record Performance(
        BigDecimal totalReturn,
        Drawdown maxDrawdown,
        int tradeCount,
        int wins,
        int losses,
        @Nullable BigDecimal winRate,
        BigDecimal grossProfit,
        BigDecimal grossLoss,
        @Nullable BigDecimal profitFactor,
        BigDecimal netProfit) {

    public Performance {
        totalReturn = Decimals.normalize(Objects.requireNonNull(totalReturn, "totalReturn"));
        if (totalReturn.compareTo(BigDecimal.ONE.negate()) < 0) {
            throw new IllegalArgumentException("no more than everything can be lost: a total return is at least -1, was "
                    + totalReturn.toPlainString());
        }
        Objects.requireNonNull(maxDrawdown, "maxDrawdown");
        if (wins < 0 || losses < 0 || wins + losses > tradeCount) {
            throw new IllegalArgumentException("wins and losses are counts within the trades, was " + wins + " and "
                    + losses + " of " + tradeCount);
        }
        if ((winRate == null) != (tradeCount == 0)) {
            throw new IllegalArgumentException("a win rate exists exactly when there are trades");
        }
        if (winRate != null) {
            winRate = Decimals.requireNonNegative(winRate, "winRate");
            if (winRate.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a win rate is a share of at most 1, was " + winRate.toPlainString());
            }
        }
        grossProfit = Decimals.requireNonNegative(grossProfit, "grossProfit");
        grossLoss = Decimals.requireNonNegative(grossLoss, "grossLoss");
        if ((profitFactor == null) != (grossLoss.signum() == 0)) {
            throw new IllegalArgumentException("a profit factor exists exactly when something was lost");
        }
        if (profitFactor != null) {
            profitFactor = Decimals.requireNonNegative(profitFactor, "profitFactor");
        }
        netProfit = Decimals.normalize(Objects.requireNonNull(netProfit, "netProfit"));
        if (netProfit.compareTo(grossProfit.subtract(grossLoss)) != 0) {
            throw new IllegalArgumentException("net profit is gross profit less gross loss, was " + netProfit.toPlainString());
        }
    }

    /**
     * Measures a curve and its trades.
     *
     * <p>The maximum drawdown runs through the curve keeping the running peak (the latest point at the highest
     * equity so far: a return to the peak starts a new drawdown from there) and the deepest fall below it; the
     * first of equally deep falls is kept. A curve that never falls has a drawdown of 0 with its first point as
     * both peak and trough.
     *
     * @param curve the equity curve in strictly increasing time, at least one point, starting above zero (a return
     *     needs capital to be measured against)
     * @param trades the closed trades, in any order; P&amp;L in the curve's currency
     */
    public static Performance of(List<EquityPoint> curve, List<ClosedTrade> trades) {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(trades, "trades");
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("an equity curve has at least one point");
        }
        EquityPoint first = Objects.requireNonNull(curve.getFirst(), "curve point");
        if (first.equity().signum() == 0) {
            throw new IllegalArgumentException("an equity curve starts with capital above zero");
        }
        EquityPoint peak = first;
        Drawdown deepest = Drawdown.none(first.at(), first.equity());
        EquityPoint previous = null;
        for (EquityPoint point : curve) {
            Objects.requireNonNull(point, "curve point");
            if (previous != null && !point.at().isAfter(previous.at())) {
                throw new IllegalArgumentException("an equity curve runs in strictly increasing time: " + point.at()
                        + " is not after " + previous.at());
            }
            previous = point;
            if (point.equity().compareTo(peak.equity()) >= 0) {
                peak = point;
                continue;
            }
            BigDecimal share = Decimals.divide(peak.equity().subtract(point.equity()), peak.equity());
            if (share.compareTo(deepest.share()) > 0) {
                deepest = new Drawdown(share, peak.at(), peak.equity(), point.at(), point.equity());
            }
        }
        BigDecimal totalReturn = Decimals.divide(curve.getLast().equity().subtract(first.equity()), first.equity());

        int wins = 0;
        int losses = 0;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        for (ClosedTrade trade : trades) {
            Objects.requireNonNull(trade, "trade");
            if (trade.isWin()) {
                wins++;
                grossProfit = grossProfit.add(trade.pnl());
            } else if (trade.isLoss()) {
                losses++;
                grossLoss = grossLoss.add(trade.pnl().negate());
            }
        }
        int count = trades.size();
        BigDecimal winRate = count == 0 ? null : Decimals.divide(BigDecimal.valueOf(wins), BigDecimal.valueOf(count));
        BigDecimal profitFactor = grossLoss.signum() == 0 ? null : Decimals.divide(grossProfit, grossLoss);
        return new Performance(totalReturn, deepest, count, wins, losses, winRate, grossProfit, grossLoss, profitFactor,
                grossProfit.subtract(grossLoss));
    }
}
