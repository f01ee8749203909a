/** Kraken's public market data ({@code /0/public/Ticker}, {@code /0/public/OHLC}): no key needed. */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata.kraken;

import org.jspecify.annotations.NullMarked;
