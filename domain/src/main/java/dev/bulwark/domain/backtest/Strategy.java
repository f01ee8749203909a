package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import java.util.List;

/**
 * A trading strategy, fed one candle at a time.
 *
 * <p><b>One instance per run.</b> A strategy remembers what it has seen (averages, the last buy, grid lots), so a
 * run creates its own instance (from a factory or a constructor) and never shares it with another run or thread.
 *
 * <p><b>Deterministic.</b> The same candles in the same order give the same signals: no clock, no randomness, no
 * floating point. A backtest can be repeated and its result compared.
 *
 * <p><b>No look-ahead.</b> A candle is handed over only once it has closed, so a signal is decided at the candle's
 * {@link Candle#closeTime() close time} and carries it as its {@code at}; the runner fills it no earlier.
 *
 * <p>Candles come in time order, one instrument and one interval per run; gaps are allowed. The built-in
 * strategies refuse a candle out of order or of another instrument or interval with an
 * {@link IllegalArgumentException}, because such a run would be meaningless.
 */
public interface Strategy {

    /** The signals decided when {@code candle} closed, in the order they are to be acted on; often none. */
    List<TradeSignal> onCandle(Candle candle);
}
