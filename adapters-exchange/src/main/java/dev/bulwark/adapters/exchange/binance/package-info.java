/**
 * Binance spot as a venue: {@link dev.bulwark.adapters.exchange.binance.BinanceVenueProvider} (found with
 * {@code ServiceLoader}) connects a gateway per account over Binance's signed REST API (HMAC-SHA256), with the raw
 * client, the static mapper of wire JSON to domain records and the error adapter kept package-private.
 */
@NullMarked
package dev.bulwark.adapters.exchange.binance;

import org.jspecify.annotations.NullMarked;
