/**
 * OKX (API v5, trading account, spot): a {@link dev.bulwark.ports.driven.venues.VenueProvider} whose gateway signs
 * each request with a base64 HMAC-SHA256 over timestamp, method, request path and body, and sends the key's
 * passphrase; demo trading is the live endpoint with {@code x-simulated-trading: 1}.
 */
@NullMarked
package dev.bulwark.adapters.exchange.okx;

import org.jspecify.annotations.NullMarked;
