/** Binance Spot's public market data ({@code /api/v3/ticker/price}, {@code /api/v3/klines}): no key needed. */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata.binance;

import org.jspecify.annotations.NullMarked;
