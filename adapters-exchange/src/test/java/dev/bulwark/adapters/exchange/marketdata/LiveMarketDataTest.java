package dev.bulwark.adapters.exchange.marketdata;

import static dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.bulwark.adapters.exchange.marketdata.binance.BinanceMarketData;
import dev.bulwark.adapters.exchange.marketdata.coinbase.CoinbaseMarketData;
import dev.bulwark.adapters.exchange.marketdata.kraken.KrakenMarketData;
import dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue;
import dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue.Reply;
import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.portfolio.Rate;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unavailable;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composite over the three real venue adapters, each against its own local fake. */
class LiveMarketDataTest {
    private static final String BINANCE_TICKER = "/api/v3/ticker/price";
    private static final String KRAKEN_TICKER = "/0/public/Ticker";
    private static final String COINBASE_PRODUCTS = "/api/v3/brokerage/market/products/";
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Instrument BTC_USD = Instrument.spot("BTC", "USD");
    private static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");

    private final FakeVenue binanceFake = FakeVenue.start();
    private final FakeVenue coinbaseFake = FakeVenue.start();
    private final FakeVenue krakenFake = FakeVenue.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock("2026-03-01T12:00:00Z");
    private final BinanceMarketData binance = new BinanceMarketData(binanceFake.baseUrl(), client, TIMEOUT, clock);
    private final CoinbaseMarketData coinbase = new CoinbaseMarketData(coinbaseFake.baseUrl(), client, TIMEOUT, clock);
    private final KrakenMarketData kraken = new KrakenMarketData(krakenFake.baseUrl(), client, TIMEOUT, clock);
    private final LiveMarketDataSettings settings = new LiveMarketDataSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30), null);
    private final LiveMarketData live = new LiveMarketData(List.of(binance, coinbase, kraken), settings, clock);

    @AfterEach
    void stop() {
        binanceFake.close();
        coinbaseFake.close();
        krakenFake.close();
        client.close();
    }

    // --- each venue's documented bodies, keyed by the symbols it lists; anything else is its "unknown pair"

    private void binanceLists(Map<String, String> prices) {
        binanceFake.on(BINANCE_TICKER, request -> {
            String symbol = request.query().get("symbol");
            return prices.containsKey(symbol)
                    ? Reply.ok("{\"symbol\":\"" + symbol + "\",\"price\":\"" + prices.get(symbol) + "\"}")
                    : Reply.json(400, resource("binance/error-invalid-symbol.json"));
        });
    }

    private void coinbaseLists(Map<String, String> prices) {
        for (Map.Entry<String, String> product : prices.entrySet()) {
            coinbaseFake.on(COINBASE_PRODUCTS + product.getKey(), Reply.ok(resource("coinbase/product-BTC-USD.json")
                    .replace("\"product_id\":\"BTC-USD\"", "\"product_id\":\"" + product.getKey() + "\"")
                    .replace("\"price\":\"68923.67\"", "\"price\":\"" + product.getValue() + "\"")));
        }
    }

    private void krakenLists(Map<String, String> prices) {
        krakenFake.on(KRAKEN_TICKER, request -> {
            String pair = request.query().get("pair");
            return prices.containsKey(pair)
                    ? Reply.ok(resource("kraken/ticker-XXBTZUSD.json").replace("30303.20000", prices.get(pair)))
                    : Reply.ok(resource("kraken/error-unknown-pair.json"));
        });
    }

    private static long asked(FakeVenue venue) {
        return venue.requests().size();
    }

    @Test
    void theFirstSourceThatAnswersIsTheOnlyOneAsked() {
        binanceLists(Map.of("BTCUSDT", "67000.10"));

        Quote quote = live.lastPrice(BTC_USDT).orElseThrow();

        assertThat(quote.source()).isEqualTo("binance");
        assertThat(quote.price()).isEqualByComparingTo("67000.1");
        assertThat(asked(coinbaseFake) + asked(krakenFake)).isZero();
    }

    @Test
    void fallsBackInOrderWhenASourceDoesNotListThePair() {
        binanceLists(Map.of());
        coinbaseLists(Map.of("BTC-USD", "66999.99"));
        krakenLists(Map.of("XBTUSD", "67001.00000"));

        Quote quote = live.lastPrice(BTC_USD).orElseThrow();

        assertThat(quote.source()).isEqualTo("coinbase");
        assertThat(asked(binanceFake)).isOne();
        assertThat(asked(krakenFake)).isZero();
    }

    @Test
    void fallsBackPastEveryKindOfFailure() {
        binanceFake.on(BINANCE_TICKER, Reply.ok("{}").after(Duration.ofSeconds(3)));
        coinbaseFake.on(COINBASE_PRODUCTS + "BTC-USDT", Reply.json(429, "{\"error\":\"RATE_LIMIT_EXCEEDED\"}"));
        krakenLists(Map.of("XBTUSDT", "67002.50000"));

        assertThat(live.lastPrice(BTC_USDT).orElseThrow().source()).isEqualTo("kraken");

        for (Reply broken : List.of(Reply.text(503, "<html>down</html>"), Reply.ok("{\"symbol\":"),
                Reply.ok("[not json"))) {
            clock.advance(Duration.ofSeconds(6));
            binanceFake.on(BINANCE_TICKER, broken);
            assertThat(live.lastPrice(BTC_USDT).orElseThrow().source()).as(broken.toString()).isEqualTo("kraken");
        }
    }

    @Test
    void servesFromTheCacheWithinItsTtlAndAsksAgainAfter() {
        binanceLists(Map.of("BTCUSDT", "67000.10"));

        live.lastPrice(BTC_USDT);
        clock.advance(Duration.ofSeconds(4));
        Quote cached = live.lastPrice(BTC_USDT).orElseThrow();

        assertThat(binanceFake.count(BINANCE_TICKER)).isOne();
        assertThat(cached.at()).isEqualTo(clock.now().minusSeconds(4));
        assertThat(cached.stale()).isFalse();

        clock.advance(Duration.ofSeconds(2));
        binanceLists(Map.of("BTCUSDT", "67100.00"));
        assertThat(live.lastPrice(BTC_USDT).orElseThrow().price()).isEqualByComparingTo("67100");
        assertThat(binanceFake.count(BINANCE_TICKER)).isEqualTo(2);
    }

    @Test
    void remembersForItsTtlThatNoSourceListsAPair() {
        binanceLists(Map.of());
        coinbaseLists(Map.of());
        krakenLists(Map.of());

        assertThat(live.lastPrice(Instrument.spot("NOPE", "USD"))).isEmpty();
        assertThat(live.lastPrice(Instrument.spot("NOPE", "USD"))).isEmpty();

        assertThat(asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake)).isEqualTo(3);
    }

    @Test
    void whenEverySourceFailsWithNothingKeptTheFailureIsUnavailableListingEach() {
        binanceFake.on(BINANCE_TICKER, Reply.text(500, "<html>binance inner detail</html>"));
        coinbaseFake.on(COINBASE_PRODUCTS + "BTC-USD", Reply.json(429, "{\"error\":\"RATE_LIMIT_EXCEEDED\"}"));
        krakenFake.on(KRAKEN_TICKER, Reply.ok(resource("kraken/error-service-unavailable.json")));

        assertThatThrownBy(() -> live.lastPrice(BTC_USD))
                .isInstanceOfSatisfying(Unavailable.class, e -> {
                    assertThat(e.getMessage()).contains("BTC/USD").contains("venue-unavailable").contains("rate-limited")
                            .doesNotContain("inner detail");
                    assertThat(e.getSuppressed()).hasSize(3);
                    assertThat(e.getSuppressed()[0]).isInstanceOf(VenueUnavailable.class);
                    assertThat(e.getSuppressed()[1]).isInstanceOf(RateLimited.class);
                    assertThat(e.getSuppressed()[2]).isInstanceOf(VenueUnavailable.class);
                });

        // the outage is remembered for the TTL: asked again, nobody is asked again
        long before = asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake);
        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> live.lastPrice(BTC_USD))
                .isInstanceOfSatisfying(Unavailable.class, e -> assertThat(e.getSuppressed()).hasSize(3));
        assertThat(asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake)).isEqualTo(before);
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> live.lastPrice(BTC_USD)).isInstanceOf(Unavailable.class);
        assertThat(asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake)).isEqualTo(before + 3);
    }

    @Test
    void aFailureAndNoListingElsewhereIsStillAFailure() {
        binanceFake.on(BINANCE_TICKER, Reply.text(503, "down"));
        coinbaseLists(Map.of());
        krakenLists(Map.of());

        assertThatThrownBy(() -> live.lastPrice(BTC_USD)).isInstanceOf(Unavailable.class);
    }

    @Test
    void whenEverySourceFailsTheLastPriceIsServedAndMarkedStaleOnceOld() {
        binanceLists(Map.of("BTCUSDT", "67000.10"));
        Instant answered = clock.now();
        live.lastPrice(BTC_USDT);
        binanceFake.on(BINANCE_TICKER, Reply.text(503, "down"));
        coinbaseFake.on(COINBASE_PRODUCTS + "BTC-USDT", Reply.text(503, "down"));
        krakenFake.on(KRAKEN_TICKER, Reply.text(503, "down"));

        clock.advance(Duration.ofSeconds(30));
        Quote young = live.lastPrice(BTC_USDT).orElseThrow();
        assertThat(young.stale()).isFalse();
        assertThat(young.at()).isEqualTo(answered);
        long asked = asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake);
        assertThat(live.lastPrice(BTC_USDT)).contains(young);
        assertThat(asked(binanceFake) + asked(coinbaseFake) + asked(krakenFake)).isEqualTo(asked);

        clock.advance(Duration.ofSeconds(31));
        Quote old = live.lastPrice(BTC_USDT).orElseThrow();
        assertThat(old.stale()).isTrue();
        assertThat(old.price()).isEqualByComparingTo("67000.1");
        assertThat(old.at()).isEqualTo(answered);
        assertThat(old.source()).isEqualTo("binance");

        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> live.lastPrice(BTC_USDT)).isInstanceOf(Unavailable.class);
    }

    @Test
    void stablecoinsAndTheEuroComeFromTheirOwnMarketsWhicheverSourceListsThem() {
        binanceLists(Map.of());
        coinbaseLists(Map.of("BTC-USD", "67000.00", "USDT-USD", "0.9996"));
        krakenLists(Map.of("USDCUSD", "1.00010000", "EURUSD", "1.08120"));

        MarketPrices prices = live.prices(Set.of(Asset.BTC, Asset.USDT, Asset.USDC));

        assertThat(prices.quotes()).extracting(Quote::pair, q -> q.price().toPlainString(), Quote::source)
                .containsExactly(tuple("BTC/USD", "67000", "coinbase"), tuple("EUR/USD", "1.0812", "kraken"),
                        tuple("USDC/USD", "1.0001", "kraken"), tuple("USDT/USD", "0.9996", "coinbase"));
        assertThat(prices.assumed()).isFalse();
        assertThat(prices.unavailable()).isEmpty();
        Rate usdtInEur = prices.table().rate(Asset.USDT, Asset.EUR).orElseThrow();
        assertThat(usdtInEur.value()).isEqualByComparingTo(
                new BigDecimal("0.9996").multiply(Decimals.divide(BigDecimal.ONE, new BigDecimal("1.0812"))));
        assertThat(prices.assumed(usdtInEur)).isFalse();
    }

    @Test
    void withOnlyATetherMarketTheEuroIsCrossedThroughItNeverTakenAtOne() {
        binanceLists(Map.of("EURUSDT", "1.08100000"));
        coinbaseLists(Map.of("USDT-USD", "0.9996"));
        krakenLists(Map.of());

        Quote eur = live.fx(Asset.EUR, Asset.USD).orElseThrow();

        assertThat(eur.price()).isEqualByComparingTo(new BigDecimal("1.081").multiply(new BigDecimal("0.9996")));
        assertThat(eur.source()).isEqualTo("binance+coinbase");
        assertThat(eur.assumed()).isFalse();
        assertThat(eur.stale()).isFalse();
    }

    @Test
    void usdInEurIsTheInverseOfTheEuroMarket() {
        binanceLists(Map.of());
        coinbaseLists(Map.of());
        krakenLists(Map.of("EURUSD", "1.25000"));

        Quote usd = live.fx(Asset.USD, Asset.EUR).orElseThrow();

        assertThat(usd.price()).isEqualByComparingTo("0.8");
        assertThat(usd.pair()).isEqualTo("USD/EUR");
        assertThat(usd.source()).isEqualTo("kraken");
        assertThatThrownBy(() -> live.fx(Asset.USD, Asset.USD)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStablecoinIsTakenAtItsPegOnlyWhenNoMarketAnswersAndIsFlagged() {
        binanceLists(Map.of());
        coinbaseLists(Map.of());
        krakenLists(Map.of("EURUSD", "1.08120"));

        Quote usdt = live.fx(Asset.USDT, Asset.USD).orElseThrow();

        assertThat(usdt.price()).isEqualByComparingTo("1");
        assertThat(usdt.assumed()).isTrue();
        assertThat(usdt.source()).isEqualTo(Quote.PEG);
        MarketPrices prices = live.prices(Set.of(Asset.USDT));
        assertThat(prices.assumed()).isTrue();
        assertThat(prices.table().prices()).extracting(p -> p.base().code() + "/" + p.quote().code())
                .containsExactly("EUR/USD");
    }

    @Test
    void aConfiguredEuroRateIsTheFlaggedLastResort() {
        binanceLists(Map.of());
        coinbaseLists(Map.of());
        krakenLists(Map.of());
        LiveMarketData withRate = new LiveMarketData(List.of(binance, coinbase, kraken), new LiveMarketDataSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30),
                new BigDecimal("1.10")), clock);

        Quote eur = withRate.fx(Asset.EUR, Asset.USD).orElseThrow();

        assertThat(eur.price()).isEqualByComparingTo("1.1");
        assertThat(eur.source()).isEqualTo(Quote.CONFIGURED);
        assertThat(eur.assumed()).isTrue();
        assertThat(live.fx(Asset.EUR, Asset.USD)).isEmpty();
    }

    @Test
    void anAssetWhoseMarketsAllFailedIsListedUnavailableNotLeftOutSilently() {
        binanceFake.on(BINANCE_TICKER, Reply.text(503, "down"));
        coinbaseLists(Map.of());
        krakenLists(Map.of("EURUSD", "1.08120"));

        MarketPrices prices = live.prices(Set.of(Asset.BTC));

        assertThat(prices.unavailable()).containsExactly(Asset.BTC);
        assertThat(prices.quotes()).extracting(Quote::pair).containsExactly("EUR/USD");
    }

    @Test
    void candlesComeFromTheFirstSourceThatHasSomeAndAreCached() {
        binanceFake.on("/api/v3/klines", Reply.text(500, "down"));
        coinbaseFake.on(COINBASE_PRODUCTS + "BTC-USD/candles", Reply.ok(resource("coinbase/candles-BTC-USD-1h.json")));
        Instant from = Instant.ofEpochSecond(1712188800);

        List<Candle> candles = live.candles(BTC_USD, CandleInterval.H1, from, from.plus(Duration.ofHours(2)));
        live.candles(BTC_USD, CandleInterval.H1, from, from.plus(Duration.ofHours(2)));

        assertThat(candles).hasSize(2).allSatisfy(c -> assertThat(c.source()).isEqualTo("coinbase"));
        assertThat(asked(binanceFake)).isOne();
        assertThat(asked(coinbaseFake)).isOne();
        assertThat(asked(krakenFake)).isZero();

        clock.advance(Duration.ofSeconds(31));
        live.candles(BTC_USD, CandleInterval.H1, from, from.plus(Duration.ofHours(2)));
        assertThat(asked(coinbaseFake)).isEqualTo(2);
    }

    @Test
    void candlesNobodyHasAreEmptyAndCandlesEverybodyFailedOnAreUnavailable() {
        binanceFake.on("/api/v3/klines", Reply.json(400, resource("binance/error-invalid-symbol.json")));
        coinbaseFake.on(COINBASE_PRODUCTS + "XYZ-USD/candles", Reply.json(404, resource("coinbase/error-not-found.json")));
        krakenFake.on("/0/public/OHLC", Reply.ok(resource("kraken/error-unknown-pair.json")));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(live.candles(Instrument.spot("XYZ", "USD"), CandleInterval.D1, from, from.plus(Duration.ofDays(3))))
                .isEmpty();

        krakenFake.on("/0/public/OHLC", Reply.ok(resource("kraken/error-service-unavailable.json")));
        assertThatThrownBy(() -> live.candles(Instrument.spot("XYZ", "USDT"), CandleInterval.D1, from,
                from.plus(Duration.ofDays(3)))).isInstanceOf(Unavailable.class).hasMessageContaining("XYZ/USDT");
    }

    @Test
    void anySourceWillDoAndSettingsAreChecked() {
        MarketData fixed = new BaseMarketData(clock, null) {
            @Override
            protected java.util.Optional<Quote> marketPrice(Asset base, Asset quote) {
                return lastPrice(spot(base, quote));
            }

            @Override
            public java.util.Optional<Quote> lastPrice(Instrument instrument) {
                return java.util.Optional.of(new Quote(instrument.base(), instrument.quote(), BigDecimal.TEN, clock.now(),
                        "fixed", false, false));
            }

            @Override
            public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
                return List.of();
            }
        };
        assertThat(new LiveMarketData(List.of(fixed), LiveMarketDataSettings.DEFAULTS, clock).lastPrice(BTC_USD)
                .orElseThrow().source()).isEqualTo("fixed");
        assertThatThrownBy(() -> new LiveMarketData(List.of(), LiveMarketDataSettings.DEFAULTS, clock))
                .isInstanceOf(IllegalArgumentException.class);
        Function<Duration, LiveMarketDataSettings> staleAfter = d -> new LiveMarketDataSettings(Duration.ofSeconds(5), d,
                Duration.ofHours(1), Duration.ofSeconds(5), null);
        assertThatThrownBy(() -> staleAfter.apply(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> staleAfter.apply(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveMarketDataSettings(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofSeconds(5), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveMarketDataSettings(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofSeconds(5), BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
