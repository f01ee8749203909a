package dev.bulwark.ports.driven.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.portfolio.Rate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketPricesTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant EARLIER = AT.minusSeconds(90);

    private static Quote market(String base, String quote, String price, String source, Instant at, boolean stale) {
        return new Quote(Asset.of(base), Asset.of(quote), new BigDecimal(price), at, source, stale, false);
    }

    private static final Quote BTC_USDT = market("BTC", "USDT", "67000", "binance", AT, false);
    private static final Quote USDT_USD = market("USDT", "USD", "0.9996", "coinbase", EARLIER, true);
    private static final Quote EUR_CONFIGURED = new Quote(Asset.EUR, Asset.USD, new BigDecimal("1.08"), AT,
            Quote.CONFIGURED, false, true);

    @Test
    void keepsQuotesInOrderAndRefusesTwoForOnePair() {
        MarketPrices prices = new MarketPrices(AT, List.of(USDT_USD, EUR_CONFIGURED, BTC_USDT), List.of(Asset.ETH, Asset.BTC));

        assertThat(prices.quotes()).containsExactly(BTC_USDT, EUR_CONFIGURED, USDT_USD);
        assertThat(prices.unavailable()).containsExactly(Asset.BTC, Asset.ETH);
        assertThatThrownBy(() -> new MarketPrices(AT, List.of(BTC_USDT, market("BTC", "USDT", "1", "kraken", AT, false)),
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCrossCarriesTheSourcesAgeAndFlagsOfItsParts() {
        MarketPrices prices = new MarketPrices(AT, List.of(BTC_USDT, USDT_USD), List.of());

        Quote btcUsd = prices.quote(Asset.BTC, Asset.USD).orElseThrow();

        assertThat(btcUsd.price()).isEqualByComparingTo(new BigDecimal("67000").multiply(new BigDecimal("0.9996")));
        assertThat(btcUsd.source()).isEqualTo("binance+coinbase");
        assertThat(btcUsd.at()).isEqualTo(EARLIER);
        assertThat(btcUsd.stale()).isTrue();
        assertThat(btcUsd.assumed()).isFalse();
        assertThat(prices.quote(Asset.ETH, Asset.USD)).isEmpty();
        assertThatThrownBy(() -> prices.quote(Asset.USD, Asset.USD)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pegsAreLeftToTheTableWhichFlagsThemItself() {
        MarketPrices prices = new MarketPrices(AT, List.of(BTC_USDT, Quote.peg(Asset.USDT, AT)), List.of());

        assertThat(prices.table().prices()).hasSize(1);
        Rate rate = prices.table().rate(Asset.BTC, Asset.USD).orElseThrow();
        assertThat(rate.assumed()).isTrue();
        assertThat(prices.assumed(rate)).isTrue();
        Quote btcUsd = prices.quote(Asset.BTC, Asset.USD).orElseThrow();
        assertThat(btcUsd.source()).isEqualTo("binance+peg");
        assertThat(btcUsd.assumed()).isTrue();
        assertThat(prices.assumed()).isTrue();
    }

    @Test
    void aConfiguredRateIsInTheTableAndFlaggedByTheSnapshot() {
        MarketPrices prices = new MarketPrices(AT, List.of(BTC_USDT, USDT_USD, EUR_CONFIGURED), List.of());

        Rate btcEur = prices.table().rate(Asset.BTC, Asset.EUR).orElseThrow();
        Rate btcUsd = prices.table().rate(Asset.BTC, Asset.USD).orElseThrow();

        assertThat(btcEur.assumed()).isFalse();
        assertThat(prices.assumed(btcEur)).isTrue();
        assertThat(prices.assumed(btcUsd)).isFalse();
        assertThat(prices.stale(btcUsd)).isTrue();
        assertThat(prices.quote(Asset.USD, Asset.EUR).orElseThrow().price())
                .isEqualTo(Decimals.divide(BigDecimal.ONE, new BigDecimal("1.08")));
    }
}
