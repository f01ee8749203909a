package dev.bulwark.domain.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bots, their sizing and their risk limits: what a constructor refuses and how it normalizes. */
class BotTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final SealedSecret SECRET = new SealedSecret("v1:sealed");

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Bot bot(String name, String description, SealedSecret previous, Instant validUntil, int version, Instant updatedAt) {
        return new Bot(new BotId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), name, description, AssetType.CRYPTO,
                new VenueAccountId(UUID.randomUUID()), Environment.PAPER, new PositionSizing.FixedQuote(d("100")), BotRisk.NONE,
                BotStatus.PAUSED, SECRET, previous, validUntil, version, T0, updatedAt);
    }

    @Nested
    class Bots {
        @Test
        void aValidBotKeepsItsValuesWithNamesAndDescriptionsStripped() {
            Bot b = bot("  Trend  ", " rides the 4h trend ", null, null, 1, T0);
            assertThat(b.name()).isEqualTo("Trend");
            assertThat(b.description()).isEqualTo("rides the 4h trend");
            assertThat(b.isActive()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void refusesABlankName(String name) {
            assertThatThrownBy(() -> bot(name, "", null, null, 1, T0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 100");
        }

        @Test
        void refusesANameOver100AndADescriptionOver1000() {
            assertThat(bot("n".repeat(100), "d".repeat(1000), null, null, 1, T0).name()).hasSize(100);
            assertThatThrownBy(() -> bot("n".repeat(101), "", null, null, 1, T0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bot("ok", "d".repeat(1001), null, null, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void refusesAVersionBelowOne(int version) {
            assertThatThrownBy(() -> bot("ok", "", null, null, version, T0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesAnUpdateBeforeItsCreation() {
            assertThatThrownBy(() -> bot("ok", "", null, null, 1, T0.minusNanos(1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aPreviousSecretComesWithItsEndAndOnlyWithIt() {
            assertThatThrownBy(() -> bot("ok", "", SECRET, null, 1, T0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bot("ok", "", null, T0, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void thePreviousSecretIsAcceptedUntilItsEndExclusive() {
            Instant until = T0.plus(Bot.PREVIOUS_SECRET_GRACE);
            Bot rotated = bot("ok", "", new SealedSecret("v1:old"), until, 1, T0);
            assertThat(rotated.acceptsPreviousSecretAt(T0)).isTrue();
            assertThat(rotated.acceptsPreviousSecretAt(until.minusNanos(1))).isTrue();
            assertThat(rotated.acceptsPreviousSecretAt(until)).isFalse();
            assertThat(bot("ok", "", null, null, 1, T0).acceptsPreviousSecretAt(T0)).isFalse();
        }

        @Test
        void refusesNulls() {
            assertThatThrownBy(() -> new BotId(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Bot(new BotId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), "n", "", AssetType.CRYPTO,
                    new VenueAccountId(UUID.randomUUID()), Environment.PAPER, null, BotRisk.NONE, BotStatus.PAUSED, SECRET,
                    null, null, 1, T0, T0)).isInstanceOf(NullPointerException.class).hasMessage("sizing");
        }

        @Test
        void theSecretNeverPrints() {
            assertThat(bot("ok", "", null, null, 1, T0).toString()).doesNotContain("v1:sealed");
        }
    }

    @Nested
    class Sizings {
        @Test
        void areNormalizedSoEqualAmountsAreEqual() {
            assertThat(new PositionSizing.FixedQuote(d("100.00"))).isEqualTo(new PositionSizing.FixedQuote(d("1E+2")));
            assertThat(new PositionSizing.PercentOfEquity(d("2.50")).value()).isEqualTo(d("2.5"));
            assertThat(new PositionSizing.FixedUnits(d("0.010")).value()).isEqualTo(d("0.01"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1"})
        void arePositive(String value) {
            assertThatThrownBy(() -> new PositionSizing.FixedQuote(d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PositionSizing.PercentOfEquity(d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PositionSizing.FixedUnits(d(value))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aPercentOfEquityIsAtMostAHundred() {
            assertThat(new PositionSizing.PercentOfEquity(d("100")).percent()).isEqualTo(d("100"));
            assertThatThrownBy(() -> new PositionSizing.PercentOfEquity(d("100.0001"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RiskLimits {
        @Test
        void symbolsAreUpperCasedSortedAndUnmodifiable() {
            var risk = new BotRisk(null, null, null, null, Set.of(" eth/usdt", "BTC/usdt", "aapl/USD"));
            assertThat(risk.allowedSymbols()).containsExactly("AAPL/USD", "BTC/USDT", "ETH/USDT");
            assertThat(risk).isEqualTo(new BotRisk(null, null, null, null, Set.of("ETH/USDT", "BTC/USDT", "AAPL/USD")));
            assertThatThrownBy(() -> risk.allowedSymbols().add("SOL/USDT")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void anEmptyListAllowsEverySymbolAndAListOnlyItsOwn() {
            assertThat(BotRisk.NONE.allows("DOGE/USDT")).isTrue();
            var risk = new BotRisk(null, null, null, null, Set.of("BTC/USDT"));
            assertThat(risk.allows("btc/usdt")).isTrue();
            assertThat(risk.allows("ETH/USDT")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"BTCUSDT", "BTC/", "/USDT", "BTC/USDT/X", "BTC/BTC", "BT C/USDT", "BTC-USDT"})
        void refusesWhatIsNotBaseSlashQuote(String symbol) {
            assertThatThrownBy(() -> new BotRisk(null, null, null, null, Set.of(symbol))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesMoreThanAHundredSymbols() {
            Set<String> symbols = new HashSet<>();
            for (int i = 0; i <= BotRisk.MAX_ALLOWED_SYMBOLS; i++) {
                symbols.add("C" + i + "/USDT");
            }
            assertThatThrownBy(() -> new BotRisk(null, null, null, null, symbols)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void limitsAreNormalized() {
            var risk = new BotRisk(d("2.50"), d("10.0"), d("0.050"), 3, Set.of());
            assertThat(risk).isEqualTo(new BotRisk(d("2.5"), d("10"), d("0.05"), 3, Set.of()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "100", "150"})
        void aStopLossIsAbove0AndBelow100Percent(String value) {
            assertThatThrownBy(() -> new BotRisk(d(value), null, null, null, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aTakeProfitIsPositiveAndMayExceed100Percent() {
            assertThat(new BotRisk(null, d("250"), null, null, Set.of()).takeProfitPercent()).isEqualTo(d("250"));
            assertThatThrownBy(() -> new BotRisk(null, d("0"), null, null, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-0.1", "1.01", "5"})
        void aMaximumDailyLossIsAShareAbove0AndAtMost1(String value) {
            assertThatThrownBy(() -> new BotRisk(null, null, d(value), null, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aMaximumDailyLossOfTheWholeEquityIsAllowed() {
            assertThat(new BotRisk(null, null, d("1.00"), null, Set.of()).maxDailyLoss()).isEqualTo(d("1"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -3})
        void aMaximumOfOpenPositionsIsAtLeastOne(int max) {
            assertThatThrownBy(() -> new BotRisk(null, null, null, max, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
