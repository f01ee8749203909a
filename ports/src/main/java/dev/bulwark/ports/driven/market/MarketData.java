package dev.bulwark.ports.driven.market;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where prices come from: last prices, candles and FX rates, from live venues or from replayed history. Market
 * data belongs to no workspace.
 *
 * <p>Absence and failure are told apart. An instrument the source does not list, or an interval it does not
 * serve, is an empty answer; a source that could not answer throws: a single venue
 * {@link dev.bulwark.ports.errors.VenueUnavailable} (unreachable, timed out, 5xx, an answer it could not read)
 * or {@link dev.bulwark.ports.errors.RateLimited}; a source that falls back over several throws
 * {@link dev.bulwark.ports.errors.Unavailable} only when every one of them failed and it has nothing cached.
 * Messages name the venue and the kind of failure, never a response body.
 *
 * <p>Implementations are thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface MarketData {

    /**
     * The latest price of {@code instrument}: one base in the quote asset. Empty when no source lists it.
     * A live source never prices a stablecoin at its peg when a market answered.
     */
    Optional<Quote> lastPrice(Instrument instrument);

    /**
     * The candles of {@code instrument} opening in {@code [from, to)}, oldest first, from one source (their
     * {@link Candle#source()} names it). Empty when no source has them at that interval. A source may build an
     * interval it does not serve from a finer one it does; it never builds a finer one.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}, or the range holds more candles
     *         than the source serves in one call (the message says how many)
     */
    List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to);

    /**
     * One {@code base} in {@code quote}, for currencies and stablecoins alike ({@code EUR/USD}, {@code USD/EUR},
     * {@code USDT/USD}): a market of the pair, the inverse of the reverse pair, or a cross through the assets
     * {@link #prices} uses, flagged as the parts it went through are.
     *
     * @throws IllegalArgumentException when {@code base} equals {@code quote}
     */
    Optional<Quote> fx(Asset base, Asset quote);

    /**
     * The quotes needed to value {@code assets} in USD and in EUR (EUR/USD is always included): for each asset
     * its market against USD, or else USDT, USDC or EUR, then the markets of those, each stablecoin from its own
     * market where one answers, else at its peg (flagged assumed).
     */
    MarketPrices prices(Set<Asset> assets);
}
