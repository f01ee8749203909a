package dev.bulwark.adapters.exchange.marketdata.kraken;

import static dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue;
import dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue.Reply;
import dev.bulwark.adapters.exchange.marketdata.testing.FakeVenue.Request;
import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.Rate;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KrakenMarketDataTest {
    private static final String TICKER = "/0/public/Ticker";
    private static final String OHLC = "/0/public/OHLC";

    private final FakeVenue venue = FakeVenue.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock("2026-03-01T12:00:00Z");
    private final KrakenMarketData kraken = new KrakenMarketData(venue.baseUrl(), client, Duration.ofMillis(400), clock);

    @AfterEach
    void stop() {
        venue.close();
        client.close();
    }

    /** The documented ticker under another key with another last trade price. */
    static String ticker(String key, String last) {
        return resource("kraken/ticker-XXBTZUSD.json").replace("XXBTZUSD", key).replace("30303.20000", last);
    }

    @Test
    void readsTheLastTradeOfTheDocumentedTickerAskingForBitcoinAsXbt() {
        venue.on(TICKER, Reply.ok(resource("kraken/ticker-XXBTZUSD.json")));

        Quote quote = kraken.lastPrice(Instrument.spot("BTC", "USD")).orElseThrow();

        assertThat(quote.price()).isEqualByComparingTo("30303.2");
        assertThat(quote.pair()).isEqualTo("BTC/USD");
        assertThat(quote.source()).isEqualTo("kraken");
        assertThat(quote.at()).isEqualTo(clock.now());
        assertThat(venue.requests()).containsExactly(new Request("GET", TICKER, Map.of("pair", "XBTUSD")));
    }

    @Test
    void mapsKrakensOwnAssetCodes() {
        assertThat(KrakenMarketData.pair(Asset.BTC, Asset.USDT)).isEqualTo("XBTUSDT");
        assertThat(KrakenMarketData.pair(Asset.of("DOGE"), Asset.USD)).isEqualTo("XDGUSD");
        assertThat(KrakenMarketData.pair(Asset.USDT, Asset.USD)).isEqualTo("USDTUSD");
        assertThat(KrakenMarketData.pair(Asset.EUR, Asset.USD)).isEqualTo("EURUSD");
    }

    @Test
    void anUnknownPairIsNotListed() {
        venue.on(TICKER, Reply.ok(resource("kraken/error-unknown-pair.json")));

        assertThat(kraken.lastPrice(Instrument.spot("BTC", "USDC"))).isEmpty();
    }

    @Test
    void aDocumentedServiceErrorIsUnavailableAndNamed() {
        venue.on(TICKER, Reply.ok(resource("kraken/error-service-unavailable.json")));

        assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("kraken")
                .hasMessageContaining("EService:Unavailable");
    }

    @Test
    void anErrorThatIsNotAnErrorCodeIsNotRepeated() {
        venue.on(TICKER, Reply.ok("{\"error\":[\"<script>something odd from upstream</script>\"]}"));

        assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageNotContaining("script");
    }

    @Test
    void krakensRateLimitErrorAndHttp429AreRateLimited() {
        venue.on(TICKER, Reply.ok(resource("kraken/error-rate-limit.json")));
        assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD"))).isInstanceOf(RateLimited.class);

        venue.on(TICKER, Reply.text(429, "Too Many Requests").header("Retry-After", "3"));
        assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD")))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void cloudflaresErrorPagesAreUnavailable() {
        venue.on(TICKER, Reply.text(520, "<html><title>api.kraken.com | 520: Web server is returning an unknown error</title></html>"));

        assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("520")
                .hasMessageNotContaining("title");
    }

    @Test
    void timeoutsMalformedAndTruncatedAnswersAreUnavailable() {
        String body = resource("kraken/ticker-XXBTZUSD.json");
        for (Reply reply : List.of(Reply.ok(body).after(Duration.ofSeconds(3)), Reply.ok(body.substring(0, 80)),
                Reply.ok("[1, 2"), Reply.ok(body).cutAfter(40), Reply.ok("{\"error\":[]}"),
                Reply.ok("{\"error\":[],\"result\":{\"XXBTZUSD\":{\"a\":[\"1\"]}}}"))) {
            venue.on(TICKER, reply);
            assertThatThrownBy(() -> kraken.lastPrice(Instrument.spot("BTC", "USD")))
                    .as(reply.toString())
                    .isInstanceOf(VenueUnavailable.class)
                    .hasMessageNotContaining("30303");
        }
    }

    @Test
    void readsTheDocumentedOhlcAskingSinceJustBeforeTheRange() {
        venue.on(OHLC, Reply.ok(resource("kraken/ohlc-XXBTZUSD-1m.json")));
        Instant from = Instant.ofEpochSecond(1688671260);
        Instrument btc = Instrument.spot("BTC", "USD");

        List<Candle> candles = kraken.candles(btc, CandleInterval.M1, from, Instant.ofEpochSecond(1688671380));

        assertThat(candles).containsExactly(
                new Candle(btc, "kraken", CandleInterval.M1, from, new BigDecimal("30304.5"), new BigDecimal("30304.5"),
                        new BigDecimal("30300.0"), new BigDecimal("30300.0"), new BigDecimal("4.42996871")),
                new Candle(btc, "kraken", CandleInterval.M1, Instant.ofEpochSecond(1688671320), new BigDecimal("30300.3"),
                        new BigDecimal("30300.4"), new BigDecimal("30291.4"), new BigDecimal("30291.4"),
                        new BigDecimal("2.13024789")));
        assertThat(venue.requests()).containsExactly(new Request("GET", OHLC,
                Map.of("pair", "XBTUSD", "interval", "1", "since", "1688671259")));
    }

    @Test
    void asksForFourHourAndDailyCandlesInMinutes() {
        venue.on(OHLC, Reply.ok(resource("kraken/error-unknown-pair.json")));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(kraken.candles(Instrument.spot("BTC", "USD"), CandleInterval.H4, from, from.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(kraken.candles(Instrument.spot("BTC", "USD"), CandleInterval.D1, from, from.plus(Duration.ofDays(2)))).isEmpty();

        assertThat(venue.requests()).extracting(r -> r.query().get("interval")).containsExactly("240", "1440");
    }

    @Test
    void ohlcOutOfOrderIsUnavailable() {
        venue.on(OHLC, Reply.ok("{\"error\":[],\"result\":{\"XXBTZUSD\":[[1688671260,\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",1],"
                + "[1688671200,\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",1]],\"last\":1688671260}}"));

        assertThatThrownBy(() -> kraken.candles(Instrument.spot("BTC", "USD"), CandleInterval.M1,
                Instant.ofEpochSecond(1688671200), Instant.ofEpochSecond(1688671400))).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void stablecoinsAndTheEuroArePricedFromTheirOwnUsdMarketsNeverAtOne() {
        venue.on(TICKER, request -> switch (request.query().get("pair")) {
            case "XBTUSD" -> Reply.ok(ticker("XXBTZUSD", "67000.10000"));
            case "USDTUSD" -> Reply.ok(ticker("USDTZUSD", "0.99950000"));
            case "USDCUSD" -> Reply.ok(ticker("USDCUSD", "1.00010000"));
            case "EURUSD" -> Reply.ok(ticker("ZEURZUSD", "1.08120"));
            default -> Reply.ok(resource("kraken/error-unknown-pair.json"));
        });

        MarketPrices prices = kraken.prices(Set.of(Asset.BTC, Asset.USDT, Asset.USDC));

        assertThat(prices.quotes()).extracting(Quote::pair).containsExactly("BTC/USD", "EUR/USD", "USDC/USD", "USDT/USD");
        assertThat(prices.assumed()).isFalse();
        Rate usdt = prices.table().rate(Asset.USDT, Asset.EUR).orElseThrow();
        assertThat(usdt.value()).isEqualByComparingTo(new BigDecimal("0.9995").multiply(
                dev.bulwark.domain.money.Decimals.divide(BigDecimal.ONE, new BigDecimal("1.0812"))));
        assertThat(prices.assumed(usdt)).isFalse();
        assertThat(kraken.fx(Asset.USD, Asset.EUR).orElseThrow().price())
                .isEqualByComparingTo(dev.bulwark.domain.money.Decimals.divide(BigDecimal.ONE, new BigDecimal("1.0812")));
        assertThat(kraken.fx(Asset.USDT, Asset.USD).orElseThrow().price()).isEqualByComparingTo("0.9995");
    }
}
