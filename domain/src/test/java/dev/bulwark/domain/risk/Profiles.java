package dev.bulwark.domain.risk;

import java.math.BigDecimal;
import java.util.Set;

/** Test data: a {@link RiskProfile} from the defaults with one or two limits changed. */
final class Profiles {
    private Set<String> whitelist;
    private BigDecimal minOrderSize;
    private BigDecimal maxOrderSize;
    private BigDecimal maxOrderValue;
    private BigDecimal maxPositionValue;
    private BigDecimal maxPositionShare;
    private BigDecimal maxLeverage;
    private BigDecimal maxRiskPerTrade;
    private BigDecimal maxDailyLoss;
    private int maxOpenPositions;

    private Profiles(RiskProfile from) {
        whitelist = from.symbolWhitelist();
        minOrderSize = from.minOrderSize();
        maxOrderSize = from.maxOrderSize();
        maxOrderValue = from.maxOrderValue();
        maxPositionValue = from.maxPositionValue();
        maxPositionShare = from.maxPositionShare();
        maxLeverage = from.maxLeverage();
        maxRiskPerTrade = from.maxRiskPerTrade();
        maxDailyLoss = from.maxDailyLoss();
        maxOpenPositions = from.maxOpenPositions();
    }

    static Profiles defaults() {
        return new Profiles(RiskProfile.defaults());
    }

    Profiles whitelist(String... symbols) {
        whitelist = Set.of(symbols);
        return this;
    }

    Profiles minOrderSize(String value) {
        minOrderSize = new BigDecimal(value);
        return this;
    }

    Profiles maxOrderSize(String value) {
        maxOrderSize = new BigDecimal(value);
        return this;
    }

    Profiles maxOrderValue(String value) {
        maxOrderValue = new BigDecimal(value);
        return this;
    }

    Profiles maxPositionValue(String value) {
        maxPositionValue = new BigDecimal(value);
        return this;
    }

    Profiles maxPositionShare(String value) {
        maxPositionShare = new BigDecimal(value);
        return this;
    }

    Profiles maxLeverage(String value) {
        maxLeverage = new BigDecimal(value);
        return this;
    }

    Profiles maxRiskPerTrade(String value) {
        maxRiskPerTrade = new BigDecimal(value);
        return this;
    }

    Profiles maxDailyLoss(String value) {
        maxDailyLoss = new BigDecimal(value);
        return this;
    }

    Profiles maxOpenPositions(int value) {
        maxOpenPositions = value;
        return this;
    }

    RiskProfile build() {
        return new RiskProfile(whitelist, minOrderSize, maxOrderSize, maxOrderValue, maxPositionValue,
                maxPositionShare, maxLeverage, maxRiskPerTrade, maxDailyLoss, maxOpenPositions);
    }
}
