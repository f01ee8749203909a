package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the Binance spot and USD-M futures gateways share around their client, whatever the API: whether the gateway
 * is closed, a signed call whose refusal is a failure, the exchange information and a last price, each read the same
 * way on either host with only the path differing. One per gateway; thread-safe.
 */
final class BinanceCalls {
    private final String name;
    private final VenueId venue;
    private final BinanceClient client;
    private final VenueResilience resilience;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param name how the gateway is named when it refuses a call after {@link #close()} ("Binance futures")
     */
    BinanceCalls(String name, VenueId venue, BinanceClient client, VenueResilience resilience) {
        this.name = Objects.requireNonNull(name, "name");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.client = Objects.requireNonNull(client, "client");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
    }

    VenueId venue() {
        return venue;
    }

    BinanceClient client() {
        return client;
    }

    VenueResilience resilience() {
        return resilience;
    }

    /** @throws IllegalStateException once the gateway is closed */
    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + name + " gateway is closed");
        }
    }

    void close() {
        closed.set(true);
    }

    /**
     * A signed call whose every refusal is a failure; not wrapped in resilience, so a caller reading it inside
     * {@link VenueResilience#read} has a failure to answer retried.
     */
    JsonNode ok(String method, String path, Map<String, String> params) {
        BinanceClient.Outcome outcome = client.signed(method, path, params);
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> json;
            case BinanceClient.Outcome.Error(int status, int code, String message) ->
                    throw BinanceErrorAdapter.failure(venue, status, code, message, method + " " + path);
        };
    }

    /** The whole exchange information at {@code path} (public, read with retries; a refusal is a failure). */
    JsonNode exchangeInfo(String path) {
        BinanceClient.Outcome outcome = resilience.read(() -> client.get(path, Map.of()));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> json;
            case BinanceClient.Outcome.Error(int status, int code, String message) ->
                    throw BinanceErrorAdapter.failure(venue, status, code, message, "GET " + path);
        };
    }

    /** The symbol's last price from the ticker at {@code path}; empty for a symbol Binance does not know or no price. */
    Optional<BigDecimal> price(String path, String symbol) {
        BinanceClient.Outcome outcome = resilience.read(() -> client.get(path, Map.of("symbol", symbol)));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> {
                BigDecimal price = BinanceAdapters.decimal(venue, json, "price");
                yield price.signum() > 0 ? Optional.of(Decimals.normalize(price)) : Optional.<BigDecimal>empty();
            }
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (code == BinanceErrorAdapter.BAD_SYMBOL) {
                    yield Optional.<BigDecimal>empty();
                }
                throw BinanceErrorAdapter.failure(venue, status, code, message, "GET " + path);
            }
        };
    }
}
