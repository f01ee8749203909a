package dev.bulwark.adapters.exchange.marketdata.kraken;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kraken's public market data: {@code GET /0/public/Ticker?pair=} (the last trade, {@code c[0]}) and
 * {@code GET /0/public/OHLC?pair=&interval=&since=} (1, 5, 15, 60, 240 and 1440 minutes; Kraken keeps only the
 * 720 most recent candles of an interval, so older ranges come back short or empty, and the last candle is the
 * one still forming). Pairs are asked by their alternative names, Kraken's spelling of the assets run together
 * ({@code BTC/USD} is {@code XBTUSD}, {@code DOGE} is {@code XDG}); the answer is keyed by the legacy name
 * ({@code XXBTZUSD}), so the one entry of the result is read whatever its key. Spot only.
 *
 * <p>Kraken answers failures with HTTP 200 and a non-empty {@code error} list: {@code EQuery:Unknown asset pair}
 * is an empty answer; {@code EAPI:Rate limit exceeded} and {@code EGeneral:Too many requests} are
 * {@link dev.bulwark.ports.errors.RateLimited}; any other (e.g. {@code EService:Unavailable}) is
 * {@link dev.bulwark.ports.errors.VenueUnavailable} naming the error. Kraken lists USDT/USD, USDC/USD and
 * EUR/USD, so stablecoins and the euro are priced from those markets. Thread-safe.
 */
public final class KrakenMarketData extends BaseMarketData {
    public static final VenueId VENUE = new VenueId("kraken");
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.kraken.com");
    /** Kraken's error strings are short codes; anything else is not repeated in a message. */
    private static final Pattern ERROR_CODE = Pattern.compile("[EW][A-Za-z]{1,20}:[A-Za-z0-9 _:-]{1,60}");
    /** Kraken's own spelling of assets whose codes differ from everyone else's. */
    private static final Map<String, String> KRAKEN_CODES = Map.of("BTC", "XBT", "DOGE", "XDG");

    private final VenueHttp http;

    public KrakenMarketData(URI baseUrl, HttpClient client, Duration timeout, TimeSource time) {
        super(time, null);
        this.http = new VenueHttp(VENUE, baseUrl, client, timeout);
    }

    /** Kraken's alternative name of a spot pair: {@code XBTUSD}, {@code USDTUSD}, {@code EURUSD}. */
    static String pair(Asset base, Asset quote) {
        return KRAKEN_CODES.getOrDefault(base.code(), base.code()) + KRAKEN_CODES.getOrDefault(quote.code(), quote.code());
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        Optional<JsonNode> result = result("/0/public/Ticker", Map.of("pair", pair(instrument.base(), instrument.quote())));
        if (result.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> ticker = onlyPair(result.get());
        if (ticker.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Quote(instrument.base(), instrument.quote(),
                    http.decimal(ticker.get().path("c").get(0), "last trade price"), time.now(), VENUE.value(), false,
                    false));
        } catch (IllegalArgumentException e) {
            throw http.unavailable("answered a last trade price that is not positive");
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
        Map<String, String> query = new LinkedHashMap<>();
        query.put("pair", pair(instrument.base(), instrument.quote()));
        query.put("interval", Long.toString(interval.duration().toMinutes()));
        // "since" is exclusive: one second earlier keeps the candle opening at {@code from}
        query.put("since", Long.toString(from.getEpochSecond() - 1));
        Optional<JsonNode> result = result("/0/public/OHLC", query);
        if (result.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> rows = onlyPair(result.get());
        if (rows.isEmpty()) {
            return List.of();
        }
        if (!rows.get().isArray()) {
            throw http.unavailable("answered OHLC data that is not a list");
        }
        List<Candle> candles = new ArrayList<>();
        Instant previous = null;
        for (JsonNode row : rows.get()) {
            Candle candle = candle(instrument, interval, row);
            if (previous != null && !candle.openTime().isAfter(previous)) {
                throw http.unavailable("answered OHLC data out of order");
            }
            previous = candle.openTime();
            if (!candle.openTime().isBefore(from) && candle.openTime().isBefore(to)) {
                candles.add(candle);
            }
        }
        return List.copyOf(candles);
    }

    /** One OHLC entry: {@code [time, open, high, low, close, vwap, volume, count]}. */
    private Candle candle(Instrument instrument, CandleInterval interval, JsonNode row) {
        if (!row.isArray() || row.size() < 7) {
            throw http.unavailable("answered an OHLC entry without the fields it documents");
        }
        try {
            return new Candle(instrument, VENUE.value(), interval, Instant.ofEpochSecond(http.integer(row.get(0), "time")),
                    http.decimal(row.get(1), "open"), http.decimal(row.get(2), "high"), http.decimal(row.get(3), "low"),
                    http.decimal(row.get(4), "close"), http.decimal(row.get(6), "volume"));
        } catch (IllegalArgumentException e) {
            throw http.unavailable("answered an OHLC entry that is not a consistent candle");
        }
    }

    /**
     * The {@code result} of a Kraken answer; empty for an unknown pair; throws the failure any other error
     * means.
     */
    private Optional<JsonNode> result(String path, Map<String, String> query) {
        Answer answer = http.get(path, query);
        http.statusFailure(answer).ifPresent(failure -> {
            throw failure;
        });
        if (!answer.ok()) {
            throw http.unavailable("answered HTTP " + answer.status());
        }
        JsonNode body = http.json(answer);
        JsonNode errors = body.path("error");
        if (errors.isArray() && !errors.isEmpty()) {
            String error = errors.get(0).asText("");
            if (error.startsWith("EQuery:Unknown asset pair")) {
                return Optional.empty();
            }
            if (error.equals("EAPI:Rate limit exceeded") || error.equals("EGeneral:Too many requests")) {
                throw http.rateLimited(answer.retryAfter());
            }
            throw http.unavailable("answered error " + (ERROR_CODE.matcher(error).matches() ? error : "(unreadable)"));
        }
        JsonNode result = body.get("result");
        if (result == null || !result.isObject()) {
            throw http.unavailable("answered without the result it documents");
        }
        return Optional.of(result);
    }

    /** The one pair's entry of a result, whatever Kraken keyed it by; OHLC's "last" cursor is not a pair. */
    private Optional<JsonNode> onlyPair(JsonNode result) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("last")) {
                continue;
            }
            if (found != null) {
                throw http.unavailable("answered for more than the one pair asked");
            }
            found = field.getValue();
        }
        return Optional.ofNullable(found);
    }
}
