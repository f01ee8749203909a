package dev.bulwark.domain.paper;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.portfolio.AccountKind;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a simulated venue behaves for one wallet: which markets it trades ({@code kind}: SPOT takes spot and stock
 * instruments, FUTURES takes USD-M futures), its fees, its slippage, how much of a candle's volume one candle may
 * fill ({@code maxVolumeShare}, in (0, 1]; {@code null} for no cap), when resting limits fill, the maintenance margin
 * rate used for liquidation (in [0, 1), zero on spot), the leverage a futures position starts with and the most it
 * may have, and the venue's trading rules for each instrument it lists.
 */
public record PaperProfile(
        AccountKind kind,
        FeeSchedule fees,
        SlippageModel slippage,
        @Nullable BigDecimal maxVolumeShare,
        LimitFillRule limitFill,
        BigDecimal maintenanceMarginRate,
        BigDecimal defaultLeverage,
        BigDecimal maxLeverage,
        Map<Instrument, TradingRules> rules) {

    public PaperProfile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(slippage, "slippage");
        Objects.requireNonNull(limitFill, "limitFill");
        if (maxVolumeShare != null) {
            maxVolumeShare = Decimals.requirePositive(maxVolumeShare, "maxVolumeShare");
            if (maxVolumeShare.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("maxVolumeShare is at most 1, was " + maxVolumeShare.toPlainString());
            }
        }
        maintenanceMarginRate = Decimals.requireNonNegative(maintenanceMarginRate, "maintenanceMarginRate");
        if (maintenanceMarginRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("maintenanceMarginRate is below 1, was " + maintenanceMarginRate.toPlainString());
        }
        defaultLeverage = Decimals.requirePositive(defaultLeverage, "defaultLeverage");
        maxLeverage = Decimals.requirePositive(maxLeverage, "maxLeverage");
        if (defaultLeverage.compareTo(BigDecimal.ONE) < 0 || defaultLeverage.compareTo(maxLeverage) > 0) {
            throw new IllegalArgumentException("defaultLeverage is between 1 and maxLeverage " + maxLeverage.toPlainString()
                    + ", was " + defaultLeverage.toPlainString());
        }
        if (kind == AccountKind.SPOT && maxLeverage.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("a spot wallet has no leverage, maxLeverage was " + maxLeverage.toPlainString());
        }
        rules = Map.copyOf(rules);
        for (Instrument instrument : rules.keySet()) {
            if (!trades(kind, instrument.market())) {
                throw new IllegalArgumentException("a " + kind + " wallet does not trade " + instrument);
            }
        }
    }

    /**
     * A Binance-like spot wallet: 10 bps maker and taker charged in the quote asset, 5 bps slippage plus 5% of the
     * candle's range, at most 10% of a candle's volume, limits filling only when traded through.
     */
    public static PaperProfile spot(Map<Instrument, TradingRules> rules) {
        return new PaperProfile(AccountKind.SPOT, FeeSchedule.of("10", "10"),
                new SlippageModel(new BigDecimal("5"), new BigDecimal("0.05")), new BigDecimal("0.1"),
                LimitFillRule.TRADE_THROUGH, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, rules);
    }

    /**
     * A Binance-like USD-M futures wallet: 2 bps maker, 5 bps taker, the same slippage and volume cap as
     * {@link #spot}, 0.5% maintenance margin, leverage 1 to start and at most 125.
     */
    public static PaperProfile usdmFutures(Map<Instrument, TradingRules> rules) {
        return new PaperProfile(AccountKind.FUTURES, FeeSchedule.of("2", "5"),
                new SlippageModel(new BigDecimal("5"), new BigDecimal("0.05")), new BigDecimal("0.1"),
                LimitFillRule.TRADE_THROUGH, new BigDecimal("0.005"), BigDecimal.ONE, new BigDecimal("125"), rules);
    }

    /** Whether a wallet of {@code kind} trades instruments of {@code market}. */
    public static boolean trades(AccountKind kind, Market market) {
        return kind == AccountKind.FUTURES ? market == Market.USDM_FUTURES : market != Market.USDM_FUTURES;
    }

    public PaperProfile withFees(FeeSchedule newFees) {
        return new PaperProfile(kind, newFees, slippage, maxVolumeShare, limitFill, maintenanceMarginRate,
                defaultLeverage, maxLeverage, rules);
    }

    public PaperProfile withSlippage(SlippageModel newSlippage) {
        return new PaperProfile(kind, fees, newSlippage, maxVolumeShare, limitFill, maintenanceMarginRate,
                defaultLeverage, maxLeverage, rules);
    }

    public PaperProfile withMaxVolumeShare(@Nullable BigDecimal newShare) {
        return new PaperProfile(kind, fees, slippage, newShare, limitFill, maintenanceMarginRate,
                defaultLeverage, maxLeverage, rules);
    }

    public PaperProfile withLimitFill(LimitFillRule newRule) {
        return new PaperProfile(kind, fees, slippage, maxVolumeShare, newRule, maintenanceMarginRate,
                defaultLeverage, maxLeverage, rules);
    }

    public PaperProfile withDefaultLeverage(BigDecimal newLeverage) {
        return new PaperProfile(kind, fees, slippage, maxVolumeShare, limitFill, maintenanceMarginRate,
                newLeverage, maxLeverage, rules);
    }
}
