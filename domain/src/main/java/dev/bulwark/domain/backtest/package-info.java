/** Backtesting's building blocks: strategies that turn a run's candles into trade signals, deterministically. */
@NullMarked
package dev.bulwark.domain.backtest;

import org.jspecify.annotations.NullMarked;
