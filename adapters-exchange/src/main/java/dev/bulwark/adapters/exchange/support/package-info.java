/** What every venue adapter shares: resilience (timeouts, safe retries, a circuit breaker, rate limits). */
@NullMarked
package dev.bulwark.adapters.exchange.support;

import org.jspecify.annotations.NullMarked;
