/**
 * Bitget (API v2, spot): a {@link dev.bulwark.ports.driven.venues.VenueProvider} whose gateway signs each request
 * with a base64 HMAC-SHA256 over timestamp, method, request path with its query, and body, and sends the key's
 * passphrase.
 */
@NullMarked
package dev.bulwark.adapters.exchange.bitget;

import org.jspecify.annotations.NullMarked;
