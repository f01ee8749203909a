package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hourly BTC/USDT candles from closes: each candle opens, peaks, dips and closes at its close. */
final class Candles {
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Candles() {
    }

    static Candle at(int hour, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle(BTC, "replay", CandleInterval.H1, T0.plusSeconds(3600L * hour), c, c, c, c, BigDecimal.ZERO);
    }

    /** One candle per hour from hour 0. */
    static List<Candle> hourly(String... closes) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            candles.add(at(i, closes[i]));
        }
        return candles;
    }

    /** Every signal the strategy gives over the candles, in order. */
    static List<TradeSignal> run(Strategy strategy, List<Candle> candles) {
        List<TradeSignal> signals = new ArrayList<>();
        for (Candle candle : candles) {
            signals.addAll(strategy.onCandle(candle));
        }
        return signals;
    }

    /** The end of hour {@code hour}'s candle: when its signals are decided. */
    static Instant closeOf(int hour) {
        return T0.plusSeconds(3600L * (hour + 1));
    }
}
