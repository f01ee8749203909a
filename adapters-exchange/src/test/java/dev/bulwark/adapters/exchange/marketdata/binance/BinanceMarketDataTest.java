package dev.bulwark.adapters.exchange.marketdata.binance;

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
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.Rate;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinanceMarketDataTest {
    private static final String TICKER = "/api/v3/ticker/price";
    private static final String KLINES = "/api/v3/klines";
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final FakeVenue venue = FakeVenue.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock("2026-03-01T12:00:00Z");
    private final BinanceMarketData binance = new BinanceMarketData(venue.baseUrl(), client, TIMEOUT, clock);

    @AfterEach
    void stop() {
        venue.close();
        client.close();
    }

    private static String ticker(String symbol, String price) {
        return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + price + "\"}";
    }

    @Test
    void readsTheDocumentedTickerAndAsksForTheSymbolOnly() {
        venue.on(TICKER, Reply.ok(resource("binance/ticker-price-LTCBTC.json")));

        Quote quote = binance.lastPrice(Instrument.spot("LTC", "BTC")).orElseThrow();

        assertThat(quote.price()).isEqualByComparingTo("4.000002");
        assertThat(quote.base()).isEqualTo(Asset.of("LTC"));
        assertThat(quote.quote()).isEqualTo(Asset.BTC);
        assertThat(quote.source()).isEqualTo("binance");
        assertThat(quote.at()).isEqualTo(clock.now());
        assertThat(quote.stale()).isFalse();
        assertThat(quote.assumed()).isFalse();
        assertThat(venue.requests()).containsExactly(new Request("GET", TICKER, Map.of("symbol", "LTCBTC")));
    }

    @Test
    void aSymbolIsBaseAndQuoteRunTogether() {
        venue.on(TICKER, Reply.ok(ticker("BTCUSDT", "67012.34000000")));

        assertThat(binance.lastPrice(Instrument.spot("BTC", "USDT")).orElseThrow().price()).isEqualByComparingTo("67012.34");
        assertThat(venue.last().query()).containsEntry("symbol", "BTCUSDT");
    }

    @Test
    void anUnknownSymbolIsNotListed() {
        venue.on(TICKER, Reply.json(400, resource("binance/error-invalid-symbol.json")));

        assertThat(binance.lastPrice(Instrument.spot("BTC", "USD"))).isEmpty();
    }

    @Test
    void onlySpotIsListedAndOtherMarketsAreNotAsked() {
        assertThat(binance.lastPrice(new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES))).isEmpty();
        assertThat(venue.requests()).isEmpty();
    }

    @Test
    void anotherDocumentedErrorIsUnavailableNamingItsCodeNeverItsText() {
        venue.on(TICKER, Reply.json(400, resource("binance/error-timestamp.json")));

        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("binance")
                .hasMessageContaining("-1021")
                .hasMessageNotContaining("recvWindow");
    }

    @Test
    void aServerErrorIsUnavailableWithoutTheBody() {
        venue.on(TICKER, Reply.text(503, "<html>secret-ish upstream detail</html>"));

        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("503")
                .hasMessageNotContaining("upstream");
    }

    @Test
    void http429IsRateLimitedForAsLongAsBinanceSays() {
        venue.on(TICKER, Reply.json(429, resource("binance/error-too-much-weight.json")).header("Retry-After", "7"));

        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                .isInstanceOfSatisfying(RateLimited.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.limit()).isEqualTo("binance-public-requests");
                    assertThat(e.getMessage()).doesNotContain("WebSocket");
                });
    }

    @Test
    void anIpBanIsRateLimitedToo() {
        venue.on(TICKER, Reply.json(418, resource("binance/error-too-much-weight.json")));

        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnavailable() {
        venue.on(TICKER, Reply.ok(ticker("BTCUSDT", "1")).after(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                .isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("did not answer within 400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void malformedTruncatedOrCutBodiesAreUnavailable() {
        String body = ticker("BTCUSDT", "67012.34000000");
        for (Reply reply : List.of(Reply.ok("this is not json"), Reply.ok(body.substring(0, 20)),
                Reply.ok(body + " trailing"), Reply.ok(body).cutAfter(10), Reply.ok(""),
                Reply.ok(ticker("BTCUSDT", "abc")), Reply.ok(ticker("BTCUSDT", "0")),
                Reply.ok("{\"symbol\":\"BTCUSDT\"}"))) {
            venue.on(TICKER, reply);
            assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT")))
                    .as(reply.toString())
                    .isInstanceOf(VenueUnavailable.class)
                    .hasMessageNotContaining("67012");
        }
    }

    @Test
    void thePriceOfAnotherSymbolIsRefused() {
        venue.on(TICKER, Reply.ok(ticker("ETHUSDT", "3000")));

        assertThatThrownBy(() -> binance.lastPrice(Instrument.spot("BTC", "USDT"))).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void readsTheDocumentedKlineAndAsksForTheHalfOpenRange() {
        venue.on(KLINES, Reply.ok(resource("binance/klines.json")));
        Instant from = Instant.parse("2017-07-03T00:00:00Z");
        Instrument pair = Instrument.spot("ETH", "BTC");

        List<Candle> candles = binance.candles(pair, CandleInterval.D1, from, from.plus(Duration.ofDays(1)));

        assertThat(candles).containsExactly(new Candle(pair, "binance", CandleInterval.D1, from,
                new java.math.BigDecimal("0.01634790"), new java.math.BigDecimal("0.80000000"),
                new java.math.BigDecimal("0.01575800"), new java.math.BigDecimal("0.01577100"),
                new java.math.BigDecimal("148976.11427815")));
        assertThat(venue.requests()).containsExactly(new Request("GET", KLINES, Map.of("symbol", "ETHBTC",
                "interval", "1d", "startTime", "1499040000000", "endTime", "1499126399999", "limit", "1000")));
    }

    @Test
    void pagesThroughKlinesAThousandAtATime() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        venue.on(KLINES, request -> {
            long start = Long.parseLong(request.query().get("startTime"));
            long end = Long.parseLong(request.query().get("endTime"));
            List<String> rows = new ArrayList<>();
            for (long t = start; t <= end && rows.size() < 1000; t += 60_000) {
                rows.add("[" + t + ",\"100\",\"101\",\"99\",\"100.5\",\"2\"," + (t + 59_999) + ",\"0\",1,\"0\",\"0\",\"0\"]");
            }
            return Reply.ok("[" + String.join(",", rows) + "]");
        });

        List<Candle> candles = binance.candles(Instrument.spot("BTC", "USDT"), CandleInterval.M1, from,
                from.plus(Duration.ofMinutes(1500)));

        assertThat(candles).hasSize(1500);
        assertThat(candles.getFirst().openTime()).isEqualTo(from);
        assertThat(candles.getLast().openTime()).isEqualTo(from.plus(Duration.ofMinutes(1499)));
        assertThat(venue.requests()).hasSize(2);
        assertThat(venue.requests().get(1).query()).containsEntry("startTime",
                Long.toString(from.plus(Duration.ofMinutes(1000)).toEpochMilli()));
    }

    @Test
    void klinesOfAnUnknownSymbolAreEmpty() {
        venue.on(KLINES, Reply.json(400, resource("binance/error-invalid-symbol.json")));

        assertThat(binance.candles(Instrument.spot("BTC", "USD"), CandleInterval.H1, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void aKlineThatIsNotACandleIsUnavailable() {
        venue.on(KLINES, Reply.ok("[[1499040000000,\"2\",\"1\",\"3\",\"2\",\"1\"]]"));

        assertThatThrownBy(() -> binance.candles(Instrument.spot("ETH", "BTC"), CandleInterval.D1,
                Instant.parse("2017-07-03T00:00:00Z"), Instant.parse("2017-07-04T00:00:00Z")))
                .isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void refusesARangeOfMoreThanTenThousandCandlesBeforeAskingAnything() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> binance.candles(Instrument.spot("BTC", "USDT"), CandleInterval.M1, from,
                from.plus(Duration.ofMinutes(10_001))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
        assertThatThrownBy(() -> binance.candles(Instrument.spot("BTC", "USDT"), CandleInterval.M1, from,
                from.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(venue.requests()).isEmpty();
    }

    @Test
    void stablecoinsAndTheEuroArePricedFromTheirUsdtMarketsAndOnlyUsdtItselfAtItsPeg() {
        venue.on(TICKER, request -> switch (request.query().get("symbol")) {
            case "USDCUSDT" -> Reply.ok(ticker("USDCUSDT", "0.99990000"));
            case "EURUSDT" -> Reply.ok(ticker("EURUSDT", "1.08100000"));
            case "BTCUSDT" -> Reply.ok(ticker("BTCUSDT", "67000.00000000"));
            default -> Reply.json(400, resource("binance/error-invalid-symbol.json"));
        });

        MarketPrices prices = binance.prices(Set.of(Asset.BTC, Asset.USDC));

        assertThat(prices.quotes()).extracting(Quote::pair, q -> q.price().toPlainString(), Quote::source, Quote::assumed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BTC/USDT", "67000", "binance", false),
                        org.assertj.core.groups.Tuple.tuple("EUR/USDT", "1.081", "binance", false),
                        org.assertj.core.groups.Tuple.tuple("USDC/USDT", "0.9999", "binance", false),
                        org.assertj.core.groups.Tuple.tuple("USDT/USD", "1", Quote.PEG, true));
        // Binance has no USD market at all, so every value in USD rests on a peg and says so
        Rate usdc = prices.table().rate(Asset.USDC, Asset.USD).orElseThrow();
        assertThat(prices.assumed(usdc)).isTrue();
        Rate euro = prices.table().rate(Asset.EUR, Asset.USD).orElseThrow();
        assertThat(euro.value()).isEqualByComparingTo("1.081");
        assertThat(prices.assumed(euro)).isTrue();
        assertThat(binance.fx(Asset.USDC, Asset.USDT).orElseThrow().price()).isEqualByComparingTo("0.9999");
        assertThat(binance.fx(Asset.USDC, Asset.USDT).orElseThrow().assumed()).isFalse();
    }
}
