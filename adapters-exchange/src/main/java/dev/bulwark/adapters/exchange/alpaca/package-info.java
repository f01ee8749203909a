/** Alpaca (US stocks) as a venue: paper and live trading API, market data prices, Alpaca's errors mapped to the SPI's. */
@NullMarked
package dev.bulwark.adapters.exchange.alpaca;

import org.jspecify.annotations.NullMarked;
