package dev.bulwark.adapters.exchange.marketdata.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.marketdata.BaseMarketData;
import dev.bulwark.adapters.exchange.marketdata.CandleAggregation;
import dev.bulwark.adapters.exchange.marketdata.VenueHttp;
import dev.bulwark.adapters.exchange.marketdata.VenueHttp.Answer;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.system.TimeSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Coinbase's public market data, from the Advanced Trade API's unauthenticated endpoints (the Exchange API's
 * {@code /products/{id}/ticker} is older and serves no 4-hour candles either):
 * {@code GET /api/v3/brokerage/market/products/{product_id}} (its {@code price}) and
 * {@code GET /api/v3/brokerage/market/products/{product_id}/candles?start=&end=&granularity=} (start and end in
 * Unix seconds, at most 350 candles a request, so ranges are paged by 300; newest first). Coinbase has no
 * 4-hour granularity: 4-hour candles are built from hourly ones. Products are {@code BASE-QUOTE}
 * ({@code BTC-USD}); spot only.
 *
 * <p>An unknown product is HTTP 404 (or 400 with error {@code NOT_FOUND} or {@code INVALID_ARGUMENT}): an empty
 * answer, as is a product without a price (trading halted). 429 is
 * {@link dev.bulwark.ports.errors.RateLimited}; 5xx, other errors, timeouts and unreadable bodies are
 * {@link dev.bulwark.ports.errors.VenueUnavailable}. Coinbase lists USDT-USD, so USDT is priced from its
 * market. Thread-safe.
 */
public final class CoinbaseMarketData extends BaseMarketData {
    public static final VenueId VENUE = new VenueId("coinbase");
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.coinbase.com");
    /** Candles asked per request: under Coinbase's 350, so a window never overflows. */
    static final int PAGE = 300;
    private static final String PRODUCTS = "/api/v3/brokerage/market/products/";
    private static final Set<String> UNKNOWN_PRODUCT = Set.of("NOT_FOUND", "INVALID_ARGUMENT");

    private final VenueHttp http;

    public CoinbaseMarketData(URI baseUrl, HttpClient client, Duration timeout, TimeSource time) {
        super(time, null);
        this.http = new VenueHttp(VENUE, baseUrl, client, timeout);
    }

    /** Coinbase's product id of a spot pair: {@code BTC-USD}. */
    static String product(Asset base, Asset quote) {
        return base.code() + "-" + quote.code();
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        Answer answer = http.get(PRODUCTS + product(instrument.base(), instrument.quote()), Map.of());
        if (!answer.ok()) {
            failureUnlessUnknown(answer);
            return Optional.empty();
        }
        JsonNode price = http.json(answer).get("price");
        if (price != null && price.isTextual() && price.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Quote(instrument.base(), instrument.quote(), http.decimal(price, "price"), time.now(),
                    VENUE.value(), false, false));
        } catch (IllegalArgumentException e) {
            throw http.unavailable("answered a price that is not positive");
        }
    }

    @Override
    protected Optional<Quote> marketPrice(Asset base, Asset quote) {
        return lastPrice(spot(base, quote));
    }

    @Override
    public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        Objects.requireNonNull(instrument, "instrument");
        VenueHttp.requireCandleRange(from, to, interval);
        if (instrument.market() != Market.SPOT || !from.isBefore(to)) {
            return List.of();
        }
        if (interval != CandleInterval.H4) {
            return fetch(instrument, interval, from, to);
        }
        // whole 4-hour candles from hourly ones: from the first bucket touching the range to the end of the last
        List<Candle> hourly = fetch(instrument, CandleInterval.H1, interval.openOf(from),
                CandleAggregation.alignUp(to, interval));
        return CandleAggregation.aggregate(hourly, interval).stream()
                .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(to))
                .toList();
    }

    /** Candles opening in {@code [from, to)} at a granularity Coinbase serves, paged by {@link #PAGE}. */
    private List<Candle> fetch(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        long seconds = interval.duration().toSeconds();
        TreeMap<Instant, Candle> candles = new TreeMap<>();
        long start = from.getEpochSecond();
        long end = to.getEpochSecond();
        while (start < end) {
            long windowEnd = Math.min(end, start + PAGE * seconds);
            Map<String, String> query = new LinkedHashMap<>();
            query.put("start", Long.toString(start));
            query.put("end", Long.toString(windowEnd));
            query.put("granularity", granularity(interval));
            Answer answer = http.get(PRODUCTS + product(instrument.base(), instrument.quote()) + "/candles", query);
            if (!answer.ok()) {
                failureUnlessUnknown(answer);
                return List.of();
            }
            JsonNode rows = http.json(answer).get("candles");
            if (rows == null || !rows.isArray()) {
                throw http.unavailable("answered without the candles it documents");
            }
            for (JsonNode row : rows) {
                Candle candle = candle(instrument, interval, row);
                Instant open = candle.openTime();
                // a window's end may be inclusive at Coinbase: the next window asks for that candle again
                if (!open.isBefore(from) && open.isBefore(to) && open.getEpochSecond() < windowEnd) {
                    candles.put(open, candle);
                }
            }
            start = windowEnd;
        }
        return List.copyOf(candles.values());
    }

    /** One candle: {@code {"start", "low", "high", "open", "close", "volume"}}, start in Unix seconds. */
    private Candle candle(Instrument instrument, CandleInterval interval, JsonNode row) {
        try {
            Instant start = Instant.ofEpochSecond(http.integer(row.get("start"), "candle start"));
            return new Candle(instrument, VENUE.value(), interval, start, http.decimal(row.get("open"), "open"),
                    http.decimal(row.get("high"), "high"), http.decimal(row.get("low"), "low"),
                    http.decimal(row.get("close"), "close"), http.decimal(row.get("volume"), "volume"));
        } catch (IllegalArgumentException e) {
            throw http.unavailable("answered a candle that is not consistent");
        }
    }

    private static String granularity(CandleInterval interval) {
        return switch (interval) {
            case M1 -> "ONE_MINUTE";
            case M5 -> "FIVE_MINUTE";
            case M15 -> "FIFTEEN_MINUTE";
            case H1 -> "ONE_HOUR";
            case H4 -> throw new IllegalArgumentException("Coinbase serves no 4-hour candles");
            case D1 -> "ONE_DAY";
        };
    }

    /** Returns for an unknown product; otherwise throws the failure the answer means. */
    private void failureUnlessUnknown(Answer answer) {
        http.statusFailure(answer).ifPresent(failure -> {
            throw failure;
        });
        if (answer.status() == 404) {
            return;
        }
        Optional<JsonNode> error = http.jsonIfAny(answer).map(body -> body.path("error"));
        if (answer.status() == 400 && error.isPresent() && UNKNOWN_PRODUCT.contains(error.get().asText())) {
            return;
        }
        throw http.unavailable("answered HTTP " + answer.status()
                + error.filter(JsonNode::isTextual).map(e -> " with error " + e.asText().replaceAll("[^A-Z_]", ""))
                        .orElse(""));
    }
}
