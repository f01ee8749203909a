/**
 * Use case: run a bot's configuration (a built-in strategy or a CSV of alerts) over historical candles through the
 * same matching, risk engine and position sizing as live trading, and get the fills, trades, equity curve and
 * headline figures back, byte-identical for the same input.
 */
@NullMarked
package dev.bulwark.ports.driving.backtest;

import org.jspecify.annotations.NullMarked;
