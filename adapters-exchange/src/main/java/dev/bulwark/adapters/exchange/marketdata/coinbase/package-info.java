/** Coinbase Advanced Trade's public market data ({@code /api/v3/brokerage/market/products/...}): no key needed. */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata.coinbase;

import org.jspecify.annotations.NullMarked;
