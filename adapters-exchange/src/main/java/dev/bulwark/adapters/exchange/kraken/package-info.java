/**
 * Kraken spot trading through its private REST API: HMAC-SHA512 signed requests with strictly increasing nonces,
 * Kraken's asset codes and pair names mapped to Bulwark's inside the adapter, Kraken's error strings mapped to the
 * ports' results and failures.
 */
@NullMarked
package dev.bulwark.adapters.exchange.kraken;

import org.jspecify.annotations.NullMarked;
