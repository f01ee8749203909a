package dev.bulwark.adapters.exchange.marketdata.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.marketdata.BaseMarketData;
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

/**
 * Binance Spot's public market data: {@code GET /api/v3/ticker/price?symbol=} for the last price and
 * {@code GET /api/v3/klines} for candles (1m, 5m, 15m, 1h, 4h, 1d; paged by 1,000). Symbols are base and quote
 * run together ({@code BTC/USDT} is {@code BTCUSDT}); spot only, other markets are not listed here.
 *
 * <p>Binance answers an unknown symbol with HTTP 400 and error {@code -1121} ("Invalid symbol."): that is an
 * empty answer. 429 and 418 (an IP ban) are {@link dev.bulwark.ports.errors.RateLimited} with the venue's
 * Retry-After; 5xx, other errors, timeouts and unreadable bodies are
 * {@link dev.bulwark.ports.errors.VenueUnavailable}. The ticker carries no time, so a quote is dated when it
 * was received. Stablecoins are priced from their own markets ({@code USDCUSDT}); Binance has no USD market, so
 * USDT itself is left to another source. Thread-safe.
 */
public final class BinanceMarketData extends BaseMarketData {
    public static final VenueId VENUE = new VenueId("binance");
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.binance.com");
    /** The most klines Binance returns per request. */
    static final int PAGE = 1000;
    /** Binance's error for a symbol it does not list. */
    private static final long INVALID_SYMBOL = -1121;

    private final VenueHttp http;

    public BinanceMarketData(URI baseUrl, HttpClient client, Duration timeout, TimeSource time) {
        super(time, null);
        this.http = new VenueHttp(VENUE, baseUrl, client, timeout);
    }

    /** Binance's symbol for a spot instrument: {@code BTCUSDT}. */
    static String symbol(Asset base, Asset quote) {
        return base.code() + quote.code();
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        String symbol = symbol(instrument.base(), instrument.quote());
        Answer answer = http.get("/api/v3/ticker/price", Map.of("symbol", symbol));
        if (!answer.ok()) {
            return failureOrUnlisted(answer);
        }
        JsonNode body = http.json(answer);
        if (!symbol.equals(body.path("symbol").asText())) {
            throw http.unavailable("answered the price of another symbol");
        }
        try {
            return Optional.of(new Quote(instrument.base(), instrument.quote(), http.decimal(body.get("price"), "price"),
                    time.now(), VENUE.value(), false, false));
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
        String symbol = symbol(instrument.base(), instrument.quote());
        long step = interval.duration().toMillis();
        long end = to.toEpochMilli();
        long start = from.toEpochMilli();
        List<Candle> candles = new ArrayList<>();
        while (start < end) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("symbol", symbol);
            query.put("interval", interval(interval));
            query.put("startTime", Long.toString(start));
            query.put("endTime", Long.toString(end - 1));
            query.put("limit", Integer.toString(PAGE));
            Answer answer = http.get("/api/v3/klines", query);
            if (!answer.ok()) {
                failureOrUnlisted(answer); // throws unless the symbol is unknown
                return List.of();
            }
            JsonNode rows = http.json(answer);
            if (!rows.isArray()) {
                throw http.unavailable("answered klines that are not a list");
            }
            long lastOpen = Long.MIN_VALUE;
            for (JsonNode row : rows) {
                Candle candle = candle(instrument, interval, row);
                long open = candle.openTime().toEpochMilli();
                if (open <= lastOpen) {
                    throw http.unavailable("answered klines out of order");
                }
                lastOpen = open;
                if (!candle.openTime().isBefore(from) && candle.openTime().isBefore(to)) {
                    candles.add(candle);
                }
            }
            if (rows.size() < PAGE || lastOpen == Long.MIN_VALUE) {
                break;
            }
            start = lastOpen + step;
        }
        return List.copyOf(candles);
    }

    /** One kline: {@code [openTime, open, high, low, close, volume, closeTime, ...]}. */
    private Candle candle(Instrument instrument, CandleInterval interval, JsonNode row) {
        if (!row.isArray() || row.size() < 6) {
            throw http.unavailable("answered a kline without the fields it documents");
        }
        try {
            return new Candle(instrument, VENUE.value(), interval, Instant.ofEpochMilli(http.integer(row.get(0), "open time")),
                    http.decimal(row.get(1), "open"), http.decimal(row.get(2), "high"), http.decimal(row.get(3), "low"),
                    http.decimal(row.get(4), "close"), http.decimal(row.get(5), "volume"));
        } catch (IllegalArgumentException e) {
            throw http.unavailable("answered a kline that is not a consistent candle");
        }
    }

    private static String interval(CandleInterval interval) {
        return switch (interval) {
            case M1 -> "1m";
            case M5 -> "5m";
            case M15 -> "15m";
            case H1 -> "1h";
            case H4 -> "4h";
            case D1 -> "1d";
        };
    }

    /** Empty for Binance's "Invalid symbol."; otherwise throws the failure the answer means. */
    private Optional<Quote> failureOrUnlisted(Answer answer) {
        http.statusFailure(answer).ifPresent(failure -> {
            throw failure;
        });
        Optional<JsonNode> error = http.jsonIfAny(answer);
        if (error.isPresent() && error.get().path("code").isIntegralNumber()) {
            long code = error.get().path("code").longValue();
            if (code == INVALID_SYMBOL) {
                return Optional.empty();
            }
            throw http.unavailable("answered HTTP " + answer.status() + " with error " + code);
        }
        throw http.unavailable("answered HTTP " + answer.status());
    }
}
