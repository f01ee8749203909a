/**
 * Coinbase Advanced Trade ({@code /api/v3/brokerage}) for spot trading: every request carries a fresh ES256 JWT
 * made from the CDP API key, products and currencies mapped inside the adapter, Coinbase's failure reasons mapped
 * to the ports' results and failures.
 */
@NullMarked
package dev.bulwark.adapters.exchange.coinbase;

import org.jspecify.annotations.NullMarked;
