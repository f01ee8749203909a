/**
 * Bybit (API v5, unified trading account, spot): a {@link dev.bulwark.ports.driven.venues.VenueProvider} whose
 * gateway signs each request with HMAC-SHA256 over timestamp, key, receive window and query or body.
 */
@NullMarked
package dev.bulwark.adapters.exchange.bybit;

import org.jspecify.annotations.NullMarked;
