package dev.bulwark.domain.bots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.risk.RiskProfile;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A bot's limits on top of its account's profile: they only ever tighten it. */
class BotRiskTest {
    static final RiskProfile ACCOUNT = new RiskProfile(Set.of("BTC/USDT", "ETH/USDT"), new BigDecimal("0.01"),
            new BigDecimal("5"), new BigDecimal("2500"), new BigDecimal("8000"), new BigDecimal("0.2"),
            new BigDecimal("3"), new BigDecimal("0.01"), new BigDecimal("0.04"), 4);

    static BotRisk bot(String dailyLoss, Integer open, String... symbols) {
        return new BotRisk(null, null, dailyLoss == null ? null : new BigDecimal(dailyLoss), open, Set.of(symbols));
    }

    @Test
    void withoutLimitsOfItsOwnABotTradesOnTheAccountsProfile() {
        assertThat(BotRisk.NONE.on(ACCOUNT, "BTC/USDT")).isEqualTo(ACCOUNT);
    }

    @Test
    void theLowerDailyLossAndOpenPositionsWinEitherWay() {
        RiskProfile tighter = bot("0.02", 2).on(ACCOUNT, "BTC/USDT");
        assertThat(tighter.maxDailyLoss()).isEqualByComparingTo("0.02");
        assertThat(tighter.maxOpenPositions()).isEqualTo(2);

        RiskProfile looser = bot("0.5", 9).on(ACCOUNT, "BTC/USDT");
        assertThat(looser.maxDailyLoss()).isEqualByComparingTo("0.04");
        assertThat(looser.maxOpenPositions()).isEqualTo(4);
    }

    @Test
    void everyOtherLimitIsTheAccounts() {
        RiskProfile limits = bot("0.02", 2, "BTC/USDT").on(ACCOUNT, "BTC/USDT");
        assertThat(limits.minOrderSize()).isEqualTo(ACCOUNT.minOrderSize());
        assertThat(limits.maxOrderSize()).isEqualTo(ACCOUNT.maxOrderSize());
        assertThat(limits.maxOrderValue()).isEqualTo(ACCOUNT.maxOrderValue());
        assertThat(limits.maxPositionValue()).isEqualTo(ACCOUNT.maxPositionValue());
        assertThat(limits.maxPositionShare()).isEqualTo(ACCOUNT.maxPositionShare());
        assertThat(limits.maxLeverage()).isEqualTo(ACCOUNT.maxLeverage());
        assertThat(limits.maxRiskPerTrade()).isEqualTo(ACCOUNT.maxRiskPerTrade());
    }

    @Test
    void aSymbolMustBeOnBothListsAnEmptyListRestrictingNothing() {
        assertThat(bot(null, null, "btc/usdt", "SOL/USDT").on(ACCOUNT, "BTC/USDT").symbolWhitelist())
                .containsExactly("BTC/USDT");
        assertThat(bot(null, null).on(ACCOUNT, "BTC/USDT").symbolWhitelist()).containsExactly("BTC/USDT", "ETH/USDT");
        RiskProfile noAccountList = RiskProfile.defaults();
        assertThat(bot(null, null, "SOL/USDT").on(noAccountList, "SOL/USDT").symbolWhitelist()).containsExactly("SOL/USDT");
        assertThat(bot(null, null).on(noAccountList, "SOL/USDT").symbolWhitelist()).isEmpty();
    }

    @Test
    void listsWithNothingInCommonRefuseEverySymbolByTheListItIsMissingFrom() {
        BotRisk solOnly = bot(null, null, "SOL/USDT");
        // SOL is the bot's but not the account's: the account's list is checked, and it lacks SOL
        assertThat(solOnly.on(ACCOUNT, "SOL/USDT").symbolWhitelist()).containsExactly("BTC/USDT", "ETH/USDT");
        // BTC is the account's but not the bot's: the bot's list is checked, and it lacks BTC
        assertThat(solOnly.on(ACCOUNT, "btc/usdt").symbolWhitelist()).containsExactly("SOL/USDT");
        for (String symbol : new String[] {"SOL/USDT", "BTC/USDT", "XRP/USDT"}) {
            assertThat(solOnly.on(ACCOUNT, symbol).symbolWhitelist()).doesNotContain(symbol);
        }
    }
}
