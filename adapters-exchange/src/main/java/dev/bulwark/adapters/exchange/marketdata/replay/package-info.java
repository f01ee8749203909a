/**
 * Market data replayed from real historical candles shipped with Bulwark: the embedded default's prices with no
 * network, and a fixed history for tests and demos.
 */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata.replay;

import org.jspecify.annotations.NullMarked;
