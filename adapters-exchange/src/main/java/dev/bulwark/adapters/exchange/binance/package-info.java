/**
 * Binance as two venues, both found with {@code ServiceLoader}: spot ({@code binance},
 * {@link dev.bulwark.adapters.exchange.binance.BinanceVenueProvider}, {@code api.binance.com}) and USD-M perpetual
 * futures ({@code binance-futures}, {@link dev.bulwark.adapters.exchange.binance.BinanceFuturesVenueProvider},
 * {@code fapi.binance.com}). Each connects a gateway per account over Binance's signed REST API (HMAC-SHA256); the
 * raw client, signer, IP limits and error adapter are shared by both and kept package-private, with a static mapper
 * of wire JSON to domain records per API ({@code BinanceAdapters}, {@code BinanceFuturesAdapters}).
 */
@NullMarked
package dev.bulwark.adapters.exchange.binance;

import org.jspecify.annotations.NullMarked;
