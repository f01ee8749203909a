/**
 * What every venue adapter shares: resilience (timeouts, safe retries, a circuit breaker, rate limits), the signed
 * JSON transport of the HMAC venues and what their providers share ({@link SharedTransport}), gateway caches on the
 * connection's clock and the closed state, declaration check and caches a signed gateway holds
 * ({@link GatewayState}), a breaker per endpoint for venues limited per key ({@link EndpointBreakers}), reading
 * answers' fields ({@link VenueJson}), settling a cancel from the venue's answer, and reading answers as another venue.
 */
@NullMarked
package dev.bulwark.adapters.exchange.support;

import org.jspecify.annotations.NullMarked;
