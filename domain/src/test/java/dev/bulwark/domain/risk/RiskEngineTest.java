package dev.bulwark.domain.risk;

import static dev.bulwark.domain.risk.Intents.buy;
import static dev.bulwark.domain.risk.Intents.exposure;
import static dev.bulwark.domain.risk.Intents.flat;
import static dev.bulwark.domain.risk.Intents.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskEngineTest {
    private static final RiskEngine DEFAULTS = new RiskEngine(RiskProfile.defaults());
    private static final List<RiskRule> SIZE_RULES =
            List.of(RiskRule.MIN_ORDER_SIZE, RiskRule.MAX_ORDER_SIZE, RiskRule.MAX_ORDER_VALUE);

    @Test
    void theDefaultsAreTheProducts() {
        RiskProfile profile = RiskProfile.defaults();

        assertThat(profile.maxLeverage()).isEqualByComparingTo("10");
        assertThat(profile.maxRiskPerTrade()).isEqualByComparingTo("0.02");
        assertThat(profile.maxPositionShare()).isEqualByComparingTo("0.1");
        assertThat(profile.minOrderSize()).isEqualByComparingTo("0.001");
        assertThat(profile.maxOrderSize()).isEqualByComparingTo("1000");
        assertThat(profile.maxOrderValue()).isEqualByComparingTo("1000");
        assertThat(profile.maxPositionValue()).isEqualByComparingTo("5000");
        assertThat(profile.maxDailyLoss()).isEqualByComparingTo("0.05");
        assertThat(profile.maxOpenPositions()).isEqualTo(10);
        assertThat(profile.symbolWhitelist()).isEmpty();
    }

    @Test
    void anOrderWithinEveryLimitIsApprovedAfterEveryRuleWasChecked() {
        RiskDecision decision = DEFAULTS.evaluate(buy().build(), flat());

        assertThat(decision).isEqualTo(new RiskDecision.Approved(List.of(RiskRule.values())));
        assertThat(decision.isApproved()).isTrue();
    }

    // --- each rule broken alone, with its limit and actual value ---------------------------------------------

    @Test
    void symbolWhitelist() {
        RiskEngine engine = new RiskEngine(Profiles.defaults().whitelist("ETH/USDT").build());

        Violation violation = assertOnly(engine.evaluate(buy().build(), flat()), RiskRule.SYMBOL_WHITELIST, "1", "0");
        assertThat(violation.reason()).contains("BTC/USDT is not on the whitelist");
    }

    @Test
    void minOrderSize() {
        assertOnly(DEFAULTS.evaluate(buy().quantity("0.0005").build(), flat()), RiskRule.MIN_ORDER_SIZE, "0.001", "0.0005");
    }

    @Test
    void maxOrderSize() {
        assertOnly(DEFAULTS.evaluate(buy().quantity("1500").price("0.5").build(), flat()), RiskRule.MAX_ORDER_SIZE, "1000", "1500");
    }

    @Test
    void maxOrderValue() {
        assertOnly(DEFAULTS.evaluate(buy().quantity("0.03").build(), flat()), RiskRule.MAX_ORDER_VALUE, "1000", "1500");
    }

    @Test
    void maxOrderValueIsInUsdtThroughTheQuoteRate() {
        // 0.5 ETH at 0.05 BTC, a BTC worth 60000 USDT: 1500 USDT.
        OrderIntent intent = buy().instrument("ETH/BTC").quantity("0.5").price("0.05").quoteRate("60000").build();
        assertOnly(DEFAULTS.evaluate(intent, flat()), RiskRule.MAX_ORDER_VALUE, "1000", "1500");
    }

    @Test
    void maxPositionValue() {
        Exposure holdingTenthOfABitcoin = exposure("100000", "100000", "0", 1, "0.1");
        assertOnly(DEFAULTS.evaluate(buy().build(), holdingTenthOfABitcoin), RiskRule.MAX_POSITION_VALUE, "5000", "5500");
    }

    @Test
    void maxPositionShare() {
        Exposure small = exposure("5000", "5000", "0", 0, "0");
        OrderIntent intent = buy().quantity("0.012").stop("49500").build();
        assertOnly(DEFAULTS.evaluate(intent, small), RiskRule.MAX_POSITION_SHARE, "0.1", "0.12");
    }

    @Test
    void maxLeverage() {
        assertOnly(DEFAULTS.evaluate(buy().leverage("11").build(), flat()), RiskRule.MAX_LEVERAGE, "10", "11");
    }

    @Test
    void maxRiskPerTrade() {
        Exposure tenThousand = exposure("10000", "10000", "0", 0, "0");
        assertOnly(DEFAULTS.evaluate(buy().build(), tenThousand), RiskRule.MAX_RISK_PER_TRADE, "0.02", "0.05");
    }

    @Test
    void maxDailyLoss() {
        Exposure downSixPercent = exposure("94000", "100000", "-6000", 0, "0");
        assertOnly(DEFAULTS.evaluate(buy().build(), downSixPercent), RiskRule.MAX_DAILY_LOSS, "0.05", "0.06");
    }

    @Test
    void maxOpenPositions() {
        Exposure tenOpen = exposure("100000", "100000", "0", 10, "0");
        assertOnly(DEFAULTS.evaluate(buy().build(), tenOpen), RiskRule.MAX_OPEN_POSITIONS, "10", "11");
    }

    @Test
    void addingToAnOpenPositionDoesNotOpenAnother() {
        Exposure tenOpen = exposure("100000", "100000", "0", 10, "0.01");
        assertThat(DEFAULTS.evaluate(buy().build(), tenOpen).isApproved()).isTrue();
    }

    // --- at the limit is fine ------------------------------------------------------------------------------

    @Test
    void atEveryLimitTheOrderIsApproved() {
        RiskProfile profile = Profiles.defaults().minOrderSize("0.01").maxOrderSize("0.01").maxOrderValue("500")
                .maxPositionValue("500").maxPositionShare("0.05").maxLeverage("3").maxRiskPerTrade("0.05")
                .maxDailyLoss("0.05").maxOpenPositions(3).build();
        Exposure atLimits = exposure("10000", "100000", "-5000", 2, "0");

        RiskDecision decision = new RiskEngine(profile).evaluate(buy().leverage("3").build(), atLimits);

        assertThat(decision).isEqualTo(new RiskDecision.Approved(List.of(RiskRule.values())));
    }

    // --- several at once, whitelist, stops, equity -----------------------------------------------------------

    @Test
    void aRejectionListsEveryBrokenRuleInRuleOrder() {
        Exposure bad = exposure("10000", "100000", "-20000", 10, "0");
        OrderIntent intent = buy().live().quantity("0.04").leverage("20").build();

        RiskDecision.Rejected rejected = (RiskDecision.Rejected) DEFAULTS.evaluate(intent, bad);

        assertThat(rejected.rules()).containsExactly(RiskRule.SYMBOL_WHITELIST, RiskRule.MAX_ORDER_VALUE,
                RiskRule.MAX_POSITION_SHARE, RiskRule.MAX_LEVERAGE, RiskRule.MAX_RISK_PER_TRADE,
                RiskRule.MAX_DAILY_LOSS, RiskRule.MAX_OPEN_POSITIONS);
        assertThat(rejected.violations()).extracting(Violation::actual).containsExactly(
                BigDecimal.ZERO, new BigDecimal("2000"), new BigDecimal("0.2"), new BigDecimal("20"),
                new BigDecimal("0.2"), new BigDecimal("0.2"), new BigDecimal("11"));
        assertThat(rejected.isApproved()).isFalse();
    }

    @Test
    void anEmptyWhitelistAllowsEverySymbolOnPaperAndNoneLive() {
        assertThat(DEFAULTS.evaluate(buy().build(), flat()).isApproved()).isTrue();

        Violation live = onlyViolation(DEFAULTS.evaluate(buy().live().build(), flat()));
        assertThat(live).extracting(Violation::rule, Violation::limit, Violation::actual)
                .containsExactly(RiskRule.SYMBOL_WHITELIST, BigDecimal.ONE, BigDecimal.ZERO);
        assertThat(live.reason()).contains("empty");
    }

    @Test
    void aListedSymbolIsAllowedOnPaperAndLiveAndAnUnlistedOneOnNeither() {
        RiskEngine engine = new RiskEngine(Profiles.defaults().whitelist("btc/usdt", "ETH/USDT").build());

        assertThat(engine.profile().symbolWhitelist()).containsExactly("BTC/USDT", "ETH/USDT");
        assertThat(engine.evaluate(buy().build(), flat()).isApproved()).isTrue();
        assertThat(engine.evaluate(buy().live().build(), flat()).isApproved()).isTrue();
        assertThat(rules(engine.evaluate(buy().instrument("SOL/USDT").price("100").build(), flat())))
                .containsExactly(RiskRule.SYMBOL_WHITELIST);
        assertThat(rules(engine.evaluate(buy().instrument("SOL/USDT").price("100").live().build(), flat())))
                .containsExactly(RiskRule.SYMBOL_WHITELIST);
    }

    @Test
    void withoutAStopTheWholeOrderValueIsAtRiskWithOneOnlyTheDistanceToIt() {
        Exposure tenThousand = exposure("10000", "10000", "0", 0, "0");

        assertOnly(DEFAULTS.evaluate(buy().build(), tenThousand), RiskRule.MAX_RISK_PER_TRADE, "0.02", "0.05");
        assertThat(DEFAULTS.evaluate(buy().stop("49000").build(), tenThousand).isApproved()).isTrue();
        assertOnly(DEFAULTS.evaluate(buy().stop("25000").build(), tenThousand), RiskRule.MAX_RISK_PER_TRADE, "0.02",
                "0.025");
        assertThat(DEFAULTS.evaluate(sell().stop("51000").build(), tenThousand).isApproved()).isTrue();
    }

    @Test
    void noShareOfAnEquityOfZeroOrLessCanBeTaken() {
        Exposure broke = exposure("-50", "0", "-100", 0, "0");

        RiskDecision.Rejected rejected = (RiskDecision.Rejected) DEFAULTS.evaluate(buy().build(), broke);

        assertThat(rejected.rules()).containsExactly(RiskRule.MAX_POSITION_SHARE, RiskRule.MAX_RISK_PER_TRADE,
                RiskRule.MAX_DAILY_LOSS);
        assertThat(rejected.violations()).allSatisfy(v -> {
            assertThat(v.actual()).isNull();
            assertThat(v.reason()).contains("no share can be computed");
        });
    }

    @Test
    void aDayWithoutALossNeverBreaksTheDailyLossLimitWhateverTheStartingEquity() {
        Exposure up = exposure("1000", "0", "100", 0, "0");
        assertThat(rules(DEFAULTS.evaluate(buy().quantity("0.001").stop("49999").build(), up))).isEmpty();
    }

    // --- reducing orders -------------------------------------------------------------------------------------

    @Test
    void closingAPositionIsOnlyCheckedForOrderSizeEvenPastEveryOtherLimit() {
        RiskEngine strict = new RiskEngine(Profiles.defaults().whitelist("ETH/USDT").build());
        Exposure awful = exposure("-1000", "100000", "-101000", 50, "0.01");

        RiskDecision decision = strict.evaluate(sell().live().leverage("50").build(), awful);

        assertThat(decision).isEqualTo(new RiskDecision.Approved(SIZE_RULES));
    }

    @Test
    void aReducingOrderIsStillRejectedForItsSize() {
        Exposure shortTwoThousand = exposure("100000", "100000", "-90000", 11, "-2000");
        OrderIntent buyBack = buy().quantity("1500").price("0.5").build();

        assertOnly(DEFAULTS.evaluate(buyBack, shortTwoThousand), RiskRule.MAX_ORDER_SIZE, "1000", "1500");
    }

    @Test
    void flippingAPositionIsNotReducingIt() {
        Exposure longALittle = exposure("100000", "100000", "-6000", 1, "0.005");
        assertThat(rules(DEFAULTS.evaluate(sell().build(), longALittle))).containsExactly(RiskRule.MAX_DAILY_LOSS);
    }

    // --- invariants ----------------------------------------------------------------------------------------

    @Test
    void aProfileRefusesLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> Profiles.defaults().minOrderSize("2").maxOrderSize("1").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().maxPositionShare("1.5").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().maxDailyLoss("0").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().maxLeverage("0.5").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().maxOrderValue("-1").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().maxOpenPositions(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profiles.defaults().whitelist("BTCUSDT").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Profiles.defaults().maxPositionShare("1").build().maxPositionShare()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void anIntentRefusesAStopOnTheWrongSideAndNonsenseAmounts() {
        assertThatThrownBy(() -> buy().stop("50000").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy().stop("51000").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sell().stop("49000").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy().quantity("0").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy().price("-1").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy().quoteRate("0").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy().leverage("0.5").build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(buy().quantity("0.0100").build()).isEqualTo(buy().build());
    }

    @Test
    void anExposureWithAPositionCountsItAsOpen() {
        assertThatThrownBy(() -> exposure("1", "1", "0", 0, "0.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exposure("1", "1", "0", -1, "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecisionKeepsRuleOrderAndNamesEachRuleOnce() {
        Violation leverage = expected(RiskRule.MAX_LEVERAGE, "10", "11");
        Violation size = expected(RiskRule.MIN_ORDER_SIZE, "1", "0.5");

        assertThat(new RiskDecision.Rejected(List.of(leverage, size)).rules())
                .containsExactly(RiskRule.MIN_ORDER_SIZE, RiskRule.MAX_LEVERAGE);
        assertThatThrownBy(() -> new RiskDecision.Rejected(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskDecision.Rejected(List.of(size, size)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskDecision.Approved(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Violation(RiskRule.MAX_LEVERAGE, BigDecimal.ONE, null, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Violation expected(RiskRule rule, String limit, String actual) {
        return new Violation(rule, new BigDecimal(limit), new BigDecimal(actual), "expected");
    }

    private static Violation onlyViolation(RiskDecision decision) {
        assertThat(decision).isInstanceOf(RiskDecision.Rejected.class);
        List<Violation> violations = ((RiskDecision.Rejected) decision).violations();
        assertThat(violations).hasSize(1);
        Violation violation = violations.getFirst();
        assertThat(violation.reason()).isNotBlank();
        return violation;
    }

    /** The decision rejects for {@code rule} alone, with that limit and actual value (compared numerically). */
    private static Violation assertOnly(RiskDecision decision, RiskRule rule, String limit, String actual) {
        Violation violation = onlyViolation(decision);
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.limit()).isEqualByComparingTo(limit);
        assertThat(violation.actual()).isNotNull().isEqualByComparingTo(actual);
        return violation;
    }

    private static Set<RiskRule> rules(RiskDecision decision) {
        return switch (decision) {
            case RiskDecision.Approved approved -> Set.of();
            case RiskDecision.Rejected rejected -> Set.copyOf(rejected.rules());
        };
    }
}
