package dev.bulwark.adapters.exchange.marketdata.coinbase;

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
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoinbaseMarketDataTest {
    private static final String BTC_USD = "/api/v3/brokerage/market/products/BTC-USD";
    private static final String BTC_USD_CANDLES = BTC_USD + "/candles";

    private final FakeVenue venue = FakeVenue.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock("2026-03-01T12:00:00Z");
    private final CoinbaseMarketData coinbase = new CoinbaseMarketData(venue.baseUrl(), client, Duration.ofMillis(400), clock);
    private final Instrument btc = Instrument.spot("BTC", "USD");

    @AfterEach
    void stop() {
        venue.close();
        client.close();
    }

    /** The documented product with another id and price. */
    static String product(String id, String price) {
        return resource("coinbase/product-BTC-USD.json").replace("\"product_id\":\"BTC-USD\"", "\"product_id\":\"" + id + "\"")
                .replace("\"price\":\"68923.67\"", "\"price\":\"" + price + "\"");
    }

    @Test
    void readsThePriceOfTheDocumentedProduct() {
        venue.on(BTC_USD, Reply.ok(resource("coinbase/product-BTC-USD.json")));

        Quote quote = coinbase.lastPrice(btc).orElseThrow();

        assertThat(quote.price()).isEqualByComparingTo("68923.67");
        assertThat(quote.source()).isEqualTo("coinbase");
        assertThat(quote.at()).isEqualTo(clock.now());
        assertThat(venue.requests()).containsExactly(new Request("GET", BTC_USD, Map.of()));
    }

    @Test
    void anUnknownProductIsNotListed() {
        venue.on("/api/v3/brokerage/market/products/XYZ-USD", Reply.json(404, resource("coinbase/error-not-found.json")));
        venue.on("/api/v3/brokerage/market/products/ABC-USD",
                Reply.json(400, "{\"error\":\"INVALID_ARGUMENT\",\"error_details\":\"x\",\"message\":\"x\"}"));

        assertThat(coinbase.lastPrice(Instrument.spot("XYZ", "USD"))).isEmpty();
        assertThat(coinbase.lastPrice(Instrument.spot("ABC", "USD"))).isEmpty();
    }

    @Test
    void aProductWithoutAPriceIsNotListedNow() {
        venue.on(BTC_USD, Reply.ok(product("BTC-USD", "")));

        assertThat(coinbase.lastPrice(btc)).isEmpty();
    }

    @Test
    void otherErrorsAreUnavailableNamingTheErrorNotItsDetails() {
        venue.on(BTC_USD, Reply.json(403, "{\"error\":\"PERMISSION_DENIED\",\"error_details\":\"you there\",\"message\":\"you there\"}"));

        assertThatThrownBy(() -> coinbase.lastPrice(btc))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("403")
                .hasMessageContaining("PERMISSION_DENIED")
                .hasMessageNotContaining("you there");
    }

    @Test
    void http429IsRateLimitedAnd5xxUnavailable() {
        venue.on(BTC_USD, Reply.json(429, "{\"error\":\"RATE_LIMIT_EXCEEDED\"}"));
        assertThatThrownBy(() -> coinbase.lastPrice(btc)).isInstanceOf(RateLimited.class);

        venue.on(BTC_USD, Reply.text(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> coinbase.lastPrice(btc)).isInstanceOf(VenueUnavailable.class).hasMessageContaining("502");
    }

    @Test
    void timeoutsMalformedAndTruncatedAnswersAreUnavailable() {
        String body = resource("coinbase/product-BTC-USD.json");
        for (Reply reply : List.of(Reply.ok(body).after(Duration.ofSeconds(3)), Reply.ok(body.substring(0, 50)),
                Reply.ok("<html>maintenance</html>"), Reply.ok(body).cutAfter(30), Reply.ok("{\"product_id\":\"BTC-USD\"}"),
                Reply.ok(product("BTC-USD", "-1")))) {
            venue.on(BTC_USD, reply);
            assertThatThrownBy(() -> coinbase.lastPrice(btc))
                    .as(reply.toString())
                    .isInstanceOf(VenueUnavailable.class)
                    .hasMessageNotContaining("68923");
        }
    }

    @Test
    void readsTheDocumentedCandlesOldestFirst() {
        venue.on(BTC_USD_CANDLES, Reply.ok(resource("coinbase/candles-BTC-USD-1h.json")));
        Instant from = Instant.ofEpochSecond(1712188800);

        List<Candle> candles = coinbase.candles(btc, CandleInterval.H1, from, from.plus(Duration.ofHours(2)));

        assertThat(candles).containsExactly(
                new Candle(btc, "coinbase", CandleInterval.H1, from, new BigDecimal("65984.18"), new BigDecimal("66387.77"),
                        new BigDecimal("65857.35"), new BigDecimal("66314.59"), new BigDecimal("358.74851052")),
                new Candle(btc, "coinbase", CandleInterval.H1, Instant.ofEpochSecond(1712192400), new BigDecimal("66312.4"),
                        new BigDecimal("66331.99"), new BigDecimal("66055.14"), new BigDecimal("66181.6"),
                        new BigDecimal("355.82896243")));
        assertThat(venue.requests()).containsExactly(new Request("GET", BTC_USD_CANDLES,
                Map.of("start", "1712188800", "end", "1712196000", "granularity", "ONE_HOUR")));
    }

    @Test
    void pagesRangesByThreeHundredCandles() {
        venue.on(BTC_USD_CANDLES, request -> Reply.ok(hourly(Long.parseLong(request.query().get("start")),
                Long.parseLong(request.query().get("end")))));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        List<Candle> candles = coinbase.candles(btc, CandleInterval.H1, from, from.plus(Duration.ofHours(700)));

        assertThat(candles).hasSize(700);
        assertThat(candles).extracting(Candle::openTime).isSorted().doesNotHaveDuplicates();
        assertThat(venue.requests()).extracting(r -> r.query().get("start")).containsExactly(
                Long.toString(from.getEpochSecond()), Long.toString(from.getEpochSecond() + 300 * 3600),
                Long.toString(from.getEpochSecond() + 600 * 3600));
    }

    @Test
    void buildsFourHourCandlesFromHourlyOnesCoinbaseHasNoFourHourGranularity() {
        venue.on(BTC_USD_CANDLES, request -> Reply.ok(hourly(Long.parseLong(request.query().get("start")),
                Long.parseLong(request.query().get("end")))));
        Instant from = Instant.parse("2026-01-01T05:00:00Z");

        List<Candle> candles = coinbase.candles(btc, CandleInterval.H4, from, Instant.parse("2026-01-01T12:00:00Z"));

        // buckets opening in the range: 08:00 only (04:00 opens before it), built from 08..11
        assertThat(candles).hasSize(1);
        Candle bucket = candles.getFirst();
        assertThat(bucket.interval()).isEqualTo(CandleInterval.H4);
        assertThat(bucket.openTime()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(bucket.open()).isEqualByComparingTo("108");
        assertThat(bucket.close()).isEqualByComparingTo("111.5");
        assertThat(bucket.high()).isEqualByComparingTo("112");
        assertThat(bucket.low()).isEqualByComparingTo("107");
        assertThat(bucket.volume()).isEqualByComparingTo("4");
        assertThat(venue.last().query()).containsEntry("granularity", "ONE_HOUR")
                .containsEntry("start", Long.toString(Instant.parse("2026-01-01T04:00:00Z").getEpochSecond()))
                .containsEntry("end", Long.toString(Instant.parse("2026-01-01T12:00:00Z").getEpochSecond()));
    }

    @Test
    void candlesOfAnUnknownProductAreEmpty() {
        venue.on("/api/v3/brokerage/market/products/XYZ-USD/candles", Reply.json(404, resource("coinbase/error-not-found.json")));

        assertThat(coinbase.candles(Instrument.spot("XYZ", "USD"), CandleInterval.D1, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-05T00:00:00Z"))).isEmpty();
    }

    /**
     * Hourly candles in {@code [start, end]} (Coinbase may include the end), newest first as Coinbase sends them:
     * the candle opening at hour h of 2026-01-01 opens at 100 + h and closes half a dollar higher.
     */
    private static String hourly(long start, long end) {
        List<String> rows = new ArrayList<>();
        for (long t = end; t >= start; t -= 3600) {
            long hour = (t - Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()) / 3600;
            long open = 100 + hour;
            rows.add("{\"start\":\"" + t + "\",\"low\":\"" + (open - 1) + "\",\"high\":\"" + (open + 1) + "\",\"open\":\""
                    + open + "\",\"close\":\"" + open + ".5\",\"volume\":\"1\"}");
        }
        return "{\"candles\":[" + String.join(",", rows) + "]}";
    }
}
