package dev.bulwark.adapters.exchange.marketdata.replay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The real histories shipped in this module's resources ({@code dev/bulwark/adapters/exchange/marketdata/},
 * credited in the README there and in the repository's NOTICE), read as they were published, in order of
 * preference:
 * <ol>
 *   <li>BTC/USD spot, Coinbase, 4 hours, 2016-05-18 .. 2025-10-28 (source {@value #COINBASE});
 *   <li>BTC/USD, TradingView's BTCUSD index, daily, 2009-10-05 .. 2026-03-06 ({@value #TRADINGVIEW});
 *   <li>ETH/USD spot, Coinbase, daily, 2016-05-18 .. 2026-03-10 ({@value #COINBASE}); the file dates each bar by
 *       its end, so it opens one day earlier;
 *   <li>AAPL/USD stock, daily, 2013, unadjusted (before the 2014 split) ({@value #TA4J}); a trading day's bar
 *       opens at midnight UTC of its date, as a daily candle does, not when the exchange opened.
 * </ol>
 */
public final class ShippedSeries {
    public static final String COINBASE = "replay-coinbase";
    public static final String TRADINGVIEW = "replay-tradingview";
    public static final String TA4J = "replay-ta4j";

    static final String FOLDER = "/dev/bulwark/adapters/exchange/marketdata/";
    static final String BTC_USD_4H = "Coinbase-BTC-USD-PT4H-20160518_20251028.json";
    static final String BTC_USD_INDEX_1D = "btcusd_index_daily_20091005_20260306_tradingview_via_ta4j.csv";
    static final String ETH_USD_1D = "Coinbase-ETH-USD-PT1D-20160517_20260310.json";
    static final String AAPL_1D = "ta4j-examples-0.18_appleinc_bars_from_20130101_usd.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ShippedSeries() {
    }

    /**
     * Reads every shipped series (about 30,000 candles, well under a second).
     *
     * @throws UncheckedIOException when a resource is missing or unreadable: the build shipped a broken jar
     */
    public static List<ReplaySeries> load() {
        Instrument btc = Instrument.spot("BTC", "USD");
        Instrument eth = Instrument.spot("ETH", "USD");
        Instrument aapl = new Instrument(Asset.of("AAPL"), Asset.USD, Market.STOCK);
        return List.of(
                coinbaseStarts(btc, CandleInterval.H4, BTC_USD_4H),
                csv(btc, TRADINGVIEW, BTC_USD_INDEX_1D),
                coinbaseEnds(eth, CandleInterval.D1, ETH_USD_1D),
                csv(aapl, TA4J, AAPL_1D));
    }

    /** {@code {"candles": [{"start": unix seconds, "open", "high", "low", "close", "volume"}]}}, all strings. */
    private static ReplaySeries coinbaseStarts(Instrument instrument, CandleInterval interval, String file) {
        JsonNode root = json(file);
        List<Candle> candles = new ArrayList<>();
        for (JsonNode row : root.path("candles")) {
            candles.add(new Candle(instrument, COINBASE, interval, Instant.ofEpochSecond(row.path("start").asLong()),
                    decimal(row, "open"), decimal(row, "high"), decimal(row, "low"), decimal(row, "close"),
                    decimal(row, "volume")));
        }
        return new ReplaySeries(instrument, COINBASE, interval, candles);
    }

    /** {@code {"ohlc": [{"endTime": ms, "openPrice", "highPrice", "lowPrice", "closePrice", "volume"}]}}, numbers. */
    private static ReplaySeries coinbaseEnds(Instrument instrument, CandleInterval interval, String file) {
        JsonNode root = json(file);
        Duration length = interval.duration();
        List<Candle> candles = new ArrayList<>();
        for (JsonNode row : root.path("ohlc")) {
            Instant open = Instant.ofEpochMilli(row.path("endTime").asLong()).minus(length);
            candles.add(new Candle(instrument, COINBASE, interval, open, decimal(row, "openPrice"),
                    decimal(row, "highPrice"), decimal(row, "lowPrice"), decimal(row, "closePrice"),
                    decimal(row, "volume")));
        }
        return new ReplaySeries(instrument, COINBASE, interval, candles);
    }

    /** A header line, then {@code date,open,high,low,close,volume} with the date as {@code yyyy-MM-dd}. */
    private static ReplaySeries csv(Instrument instrument, String source, String file) {
        List<Candle> candles = read(file, in -> {
            List<Candle> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split(",", -1);
                    if (f.length != 6) {
                        throw new IllegalArgumentException(file + ": a row has 6 fields, was '" + line + "'");
                    }
                    Instant open = LocalDate.parse(f[0].trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
                    rows.add(new Candle(instrument, source, CandleInterval.D1, open, new BigDecimal(f[1].trim()),
                            new BigDecimal(f[2].trim()), new BigDecimal(f[3].trim()), new BigDecimal(f[4].trim()),
                            new BigDecimal(f[5].trim())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + " could not be read", e);
            }
            return rows;
        });
        return new ReplaySeries(instrument, source, CandleInterval.D1, candles);
    }

    private static JsonNode json(String file) {
        return read(file, in -> {
            try {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " could not be read", e);
            }
        });
    }

    private static <T> T read(String file, Function<InputStream, T> reader) {
        try (InputStream in = ShippedSeries.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the shipped market data " + file + " is missing"));
            }
            return reader.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " could not be read", e);
        }
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        JsonNode node = row.path(field);
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }
}
