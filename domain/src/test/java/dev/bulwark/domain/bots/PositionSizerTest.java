package dev.bulwark.domain.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Hand-computed examples of each sizing, the risk cap and every venue refusal. */
class PositionSizerTest {
    /** Binance-like BTC/USDT: tick 0.01, lot step 0.001, at least 0.001, no maximum, at least 10 USDT. */
    static final TradingRules BTC = TradingRules.unbounded(d("0.01"), d("0.001"), d("0.001"), d("10"));
    static final BigDecimal TWO_PERCENT = d("0.02");

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static PositionSizer sizer(PositionSizing sizing, @Nullable String stopLossPercent) {
        return new PositionSizer(sizing, stopLossPercent == null ? null : d(stopLossPercent), TWO_PERCENT);
    }

    static SizingResult buy(PositionSizer sizer, String equity, String price, @Nullable String stop) {
        return sizer.size(OrderSide.BUY, d(equity), d(price), stop == null ? null : d(stop), BTC);
    }

    static BigDecimal quantity(SizingResult result) {
        assertThat(result).isInstanceOf(SizingResult.Sized.class);
        return ((SizingResult.Sized) result).quantity();
    }

    static String reason(SizingResult result) {
        assertThat(result).isInstanceOf(SizingResult.Unsizable.class);
        return ((SizingResult.Unsizable) result).reason();
    }

    @Test
    void aFixedQuoteAmountBuysWhatItCanOnTheLotStep() {
        // 100 / 25000 = 0.004 exactly; 100 / 30000 = 0.00333... rounds down to 0.003
        assertThat(quantity(buy(sizer(new PositionSizing.FixedQuote(d("100")), null), "5000", "25000", null)))
                .isEqualTo(d("0.004"));
        SizingResult odd = buy(sizer(new PositionSizing.FixedQuote(d("100")), null), "5000", "30000", null);
        assertThat(quantity(odd)).isEqualTo(d("0.003"));
        assertThat(((SizingResult.Sized) odd).explanation())
                .isEqualTo("100 of the quote asset at 30000 buys 0.003333333333333333; on the lot step 0.001: 0.003");
    }

    @Test
    void aPercentOfEquityCommitsThatShareOfIt() {
        // 10 % of 5000 = 500; 500 / 25000 = 0.02
        SizingResult result = buy(sizer(new PositionSizing.PercentOfEquity(d("10")), null), "5000", "25000", null);
        assertThat(quantity(result)).isEqualTo(d("0.02"));
        assertThat(((SizingResult.Sized) result).explanation()).startsWith("10 % of equity 5000 is 500, at 25000 0.02");
    }

    @Test
    void fixedUnitsAreRoundedDownToTheStep() {
        assertThat(quantity(sizer(new PositionSizing.FixedUnits(d("0.0159")), null)
                .size(OrderSide.SELL, d("1000"), d("25000"), null, BTC))).isEqualTo(d("0.015"));
    }

    @Test
    void theBotsStopLossCapsTheLossAtTheRiskPerTrade() {
        // 1 BTC at 25000 with a 5 % stop loses 1250 per unit; 2 % of 10000 = 200 at risk allows 200 / 1250 = 0.16
        SizingResult result = buy(sizer(new PositionSizing.FixedUnits(d("1")), "5"), "10000", "25000", null);
        assertThat(quantity(result)).isEqualTo(d("0.16"));
        assertThat(((SizingResult.Sized) result).explanation()).contains("capped to 0.16")
                .contains("a loss of 1250 per unit to the bot's 5 % stop loss stays within 0.02 of equity (200)");
        // a smaller order is within the budget already and is not touched: 0.1 × 1250 = 125 <= 200
        assertThat(quantity(buy(sizer(new PositionSizing.FixedUnits(d("0.1")), "5"), "10000", "25000", null)))
                .isEqualTo(d("0.1"));
    }

    @Test
    void anExplicitStopWinsOverTheBotsPercent() {
        // stop 24000 is 1000 away: 200 / 1000 = 0.2 (the bot's 5 % would have allowed 0.16)
        assertThat(quantity(buy(sizer(new PositionSizing.FixedUnits(d("0.5")), "5"), "10000", "25000", "24000")))
                .isEqualTo(d("0.2"));
        // a sell's stop lies above: 26000 is 1000 away as well
        assertThat(quantity(sizer(new PositionSizing.FixedUnits(d("0.5")), null)
                .size(OrderSide.SELL, d("10000"), d("25000"), d("26000"), BTC))).isEqualTo(d("0.2"));
    }

    @Test
    void aStopOnTheWrongSideProtectsNothing() {
        assertThat(reason(buy(sizer(new PositionSizing.FixedUnits(d("0.5")), null), "10000", "25000", "25000")))
                .contains("at or above the price");
        assertThat(reason(sizer(new PositionSizing.FixedUnits(d("0.5")), null)
                .size(OrderSide.SELL, d("10000"), d("25000"), d("24000"), BTC))).contains("at or below the price");
    }

    @Test
    void noEquityLeavesNothingToCommitOrToRisk() {
        assertThat(reason(buy(sizer(new PositionSizing.PercentOfEquity(d("10")), null), "0", "25000", null)))
                .isEqualTo("equity is 0, so no 10 % of it can be committed");
        assertThat(reason(buy(sizer(new PositionSizing.FixedQuote(d("100")), "5"), "-50", "25000", null)))
                .contains("equity is -50");
        // without a stop and with a fixed size, equity does not enter: the risk engine judges the order
        assertThat(quantity(buy(sizer(new PositionSizing.FixedQuote(d("100")), null), "-50", "25000", null)))
                .isEqualTo(d("0.004"));
    }

    @Test
    void theVenuesRulesRefuseWithTheirNumbers() {
        // 5 / 25000 = 0.0002: less than one step
        assertThat(reason(buy(sizer(new PositionSizing.FixedQuote(d("5")), null), "1000", "25000", null)))
                .endsWith("; 0.0002 is less than the venue's lot step 0.001");
        // 0.004 × 2000 = 8 USDT, under the 10 USDT minimum
        assertThat(reason(buy(sizer(new PositionSizing.FixedUnits(d("0.004")), null), "1000", "2000", null)))
                .endsWith("the order's value 8 is below the venue's minimum notional 10");
        TradingRules bounded = new TradingRules(d("0.01"), d("0.0001"), d("0.001"), d("5"), BigDecimal.ZERO);
        assertThat(reason(sizer(new PositionSizing.FixedQuote(d("5")), null)
                .size(OrderSide.BUY, d("1000"), d("25000"), null, bounded)))
                .endsWith("the quantity 0.0002 is below the venue's minimum 0.001");
        assertThat(reason(sizer(new PositionSizing.FixedUnits(d("6")), null)
                .size(OrderSide.BUY, d("1000"), d("25000"), null, bounded)))
                .endsWith("the quantity 6 is above the venue's maximum 5");
    }

    @Test
    void aCapOfNothingIsUnsizable() {
        // 2 % of 0.01 equity = 0.0002 at risk, 1250 away: 0.00000016 units, less than a step
        assertThat(reason(buy(sizer(new PositionSizing.FixedUnits(d("1")), "5"), "0.01", "25000", null)))
                .contains("capped to 0.00000016").endsWith("less than the venue's lot step 0.001");
    }

    @Test
    void isBuiltFromTheBotAndTheRiskProfile() {
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        Bot bot = new Bot(new BotId(new UUID(0, 1)), new WorkspaceId(new UUID(0, 2)), "Trend", "", AssetType.CRYPTO,
                new VenueAccountId(new UUID(0, 3)), Environment.PAPER, new PositionSizing.PercentOfEquity(d("5")),
                new BotRisk(d("3"), null, null, null, Set.of()), BotStatus.ACTIVE, new SealedSecret("v1:sealed"), null,
                null, 1, t0, t0);
        PositionSizer sizer = PositionSizer.of(bot, RiskProfile.defaults());
        assertThat(sizer).isEqualTo(new PositionSizer(new PositionSizing.PercentOfEquity(d("5")), d("3"), TWO_PERCENT));
    }

    @Test
    void refusesCallerBugs() {
        PositionSizer sizer = sizer(new PositionSizing.FixedUnits(BigDecimal.ONE), null);
        assertThatThrownBy(() -> sizer.size(OrderSide.BUY, d("100"), BigDecimal.ZERO, null, BTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sizer.size(OrderSide.BUY, d("100"), d("10"), d("-1"), BTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PositionSizer(new PositionSizing.FixedUnits(BigDecimal.ONE), null, d("1.5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PositionSizer(new PositionSizing.FixedUnits(BigDecimal.ONE), d("100"), TWO_PERCENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
