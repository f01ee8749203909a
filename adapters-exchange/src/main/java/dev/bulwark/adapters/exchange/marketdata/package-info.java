/**
 * Market data adapters: the live composite over public venue endpoints (cached, falling back in order, serving
 * a stale answer marked as such when every venue fails), and what every source shares: deriving FX rates and
 * valuation prices from single markets, building longer candles from shorter ones, and the HTTP plumbing.
 * Venues live in subpackages; this package knows none of them.
 */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata;

import org.jspecify.annotations.NullMarked;
