/**
 * Backtests: a strategy or a CSV of alerts replayed over historical candles through the paper matching engine, the
 * position sizer and the risk engine, deterministically. {@link dev.bulwark.application.backtest.BacktestFactory}
 * builds the use case.
 */
@NullMarked
package dev.bulwark.application.backtest;

import org.jspecify.annotations.NullMarked;
