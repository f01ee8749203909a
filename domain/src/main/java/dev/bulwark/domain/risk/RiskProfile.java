package dev.bulwark.domain.risk;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.venues.Environment;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The limits the risk engine enforces. Sizes are in base units, values in USDT, shares are fractions of equity
 * in (0, 1]. Symbols are {@code BASE/QUOTE}, upper-cased on the way in and kept sorted.
 *
 * @param symbolWhitelist symbols that may be traded; empty means every symbol on paper and none live
 * @param minOrderSize smallest order quantity
 * @param maxOrderSize largest order quantity, at least {@code minOrderSize}
 * @param maxOrderValue largest order value, USDT
 * @param maxPositionValue largest position value after the order, USDT
 * @param maxPositionShare largest position value as a share of equity
 * @param maxLeverage highest leverage, at least 1
 * @param maxRiskPerTrade largest amount at risk per order as a share of equity
 * @param maxDailyLoss largest loss since the start of the UTC day as a share of that day's starting equity
 * @param maxOpenPositions most positions open at once
 */
public record RiskProfile(Set<String> symbolWhitelist, BigDecimal minOrderSize, BigDecimal maxOrderSize,
        BigDecimal maxOrderValue, BigDecimal maxPositionValue, BigDecimal maxPositionShare, BigDecimal maxLeverage,
        BigDecimal maxRiskPerTrade, BigDecimal maxDailyLoss, int maxOpenPositions) {

    public RiskProfile {
        SortedSet<String> symbols = new TreeSet<>();
        for (String symbol : Objects.requireNonNull(symbolWhitelist, "symbolWhitelist")) {
            // The market is not part of a symbol: whitelisting BTC/USDT allows it on spot and futures alike.
            symbols.add(Instrument.parse(symbol, Market.SPOT).symbol());
        }
        symbolWhitelist = Collections.unmodifiableSortedSet(symbols);
        minOrderSize = Decimals.requirePositive(minOrderSize, "minOrderSize");
        maxOrderSize = Decimals.requirePositive(maxOrderSize, "maxOrderSize");
        if (minOrderSize.compareTo(maxOrderSize) > 0) {
            throw new IllegalArgumentException("minOrderSize " + minOrderSize.toPlainString()
                    + " is above maxOrderSize " + maxOrderSize.toPlainString());
        }
        maxOrderValue = Decimals.requirePositive(maxOrderValue, "maxOrderValue");
        maxPositionValue = Decimals.requirePositive(maxPositionValue, "maxPositionValue");
        maxPositionShare = requireShare(maxPositionShare, "maxPositionShare");
        maxLeverage = Decimals.requirePositive(maxLeverage, "maxLeverage");
        if (maxLeverage.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("maxLeverage is at least 1 (no leverage), was " + maxLeverage.toPlainString());
        }
        maxRiskPerTrade = requireShare(maxRiskPerTrade, "maxRiskPerTrade");
        maxDailyLoss = requireShare(maxDailyLoss, "maxDailyLoss");
        if (maxOpenPositions < 1) {
            throw new IllegalArgumentException("maxOpenPositions must be positive, was " + maxOpenPositions);
        }
    }

    /**
     * The product's defaults: leverage 10, risk per trade 2 %, position 10 % of equity, order size 0.001 to 1000,
     * order value 1000 USDT, position value 5000 USDT, daily loss 5 %, 10 open positions, empty whitelist.
     */
    public static RiskProfile defaults() {
        return new RiskProfile(Set.of(), new BigDecimal("0.001"), new BigDecimal("1000"), new BigDecimal("1000"),
                new BigDecimal("5000"), new BigDecimal("0.1"), BigDecimal.TEN, new BigDecimal("0.02"),
                new BigDecimal("0.05"), 10);
    }

    /**
     * Whether {@code instrument} may be traded in {@code environment}. An empty whitelist means nobody chose
     * symbols yet: harmless on paper, so everything is allowed there, but live trading waits for a choice.
     */
    public boolean allows(Instrument instrument, Environment environment) {
        if (symbolWhitelist.isEmpty()) {
            return environment == Environment.PAPER;
        }
        return symbolWhitelist.contains(instrument.symbol());
    }

    private static BigDecimal requireShare(BigDecimal value, String name) {
        BigDecimal share = Decimals.requirePositive(value, name);
        if (share.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(name + " is a share in (0, 1], was " + share.toPlainString());
        }
        return share;
    }
}
