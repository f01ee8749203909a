package dev.bulwark.adapters.exchange.marketdata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live market data from several sources in order of preference (Binance, Coinbase, Kraken, or any
 * {@link MarketData}): each question goes to the first source, and to the next when one fails or does not list
 * the instrument. Answers are cached (Caffeine, on the {@link TimeSource}'s clock):
 * <ul>
 *   <li>a price, or the fact that no source lists an instrument, for {@code priceTtl};
 *   <li>when every source fails, the last price any of them gave is served for up to {@code keepFor}, marked
 *       {@linkplain Quote#stale() stale} once older than {@code staleAfter}; with none kept the answer is
 *       {@link Unavailable}, listing each source's failure as a suppressed exception. Either outcome is cached
 *       for {@code priceTtl} too: during an outage the venues are asked, and their timeouts waited for, once per
 *       TTL, not once per caller;
 *   <li>candles for {@code candleTtl}, from the first source that has any in the range.
 * </ul>
 * FX and valuation prices are built from these prices ({@link BaseMarketData}): stablecoins and EUR from their
 * own markets (USDT/USD, USDC/USDT, EUR/USD, EUR/USDT), whichever source lists them.
 *
 * <p>Two callers asking for the same uncached price at once may both ask the venues: holding a lock around a
 * network call would make every other price wait on the slowest venue. Thread-safe.
 */
public final class LiveMarketData extends BaseMarketData {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMarketData.class);

    private final List<MarketData> sources;
    private final LiveMarketDataSettings settings;
    private final Cache<Instrument, Optional<Quote>> fresh;
    private final Cache<Instrument, Quote> known;
    private final Cache<Instrument, Unavailable> failed;
    private final Cache<CandleKey, List<Candle>> candles;

    private record CandleKey(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
    }

    public LiveMarketData(List<? extends MarketData> sources, LiveMarketDataSettings settings, TimeSource time) {
        super(time, Objects.requireNonNull(settings, "settings").assumedEurUsd());
        this.sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("live market data needs at least one source");
        }
        this.settings = settings;
        Ticker ticker = () -> {
            Instant now = time.now();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        };
        // maintenance on the calling thread: no pool of our own, and tests see evictions when the clock moves
        this.fresh = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .expireAfterWrite(settings.priceTtl()).maximumSize(10_000).build();
        this.known = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .expireAfterWrite(settings.keepFor()).maximumSize(10_000).build();
        this.failed = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .expireAfterWrite(settings.priceTtl()).maximumSize(10_000).build();
        this.candles = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .expireAfterWrite(settings.candleTtl()).maximumSize(1_000).build();
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        Optional<Quote> cached = fresh.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        Unavailable failedLately = failed.getIfPresent(instrument);
        if (failedLately != null) {
            throw again(failedLately);
        }
        try {
            Optional<Quote> answer = ask(instrument);
            fresh.put(instrument, answer);
            answer.ifPresent(quote -> known.put(instrument, quote));
            return answer;
        } catch (Unavailable e) {
            // the outcome of an outage is cached like an answer: venues that time out would otherwise make every
            // caller wait for every timeout, and the venues would be asked again at once
            Quote last = known.getIfPresent(instrument);
            if (last == null) {
                failed.put(instrument, e);
                throw e;
            }
            Duration age = Duration.between(last.at(), time.now());
            LOG.debug("every source failed for {}; serving the price of {} ago", instrument, age);
            Optional<Quote> served = Optional.of(age.compareTo(settings.staleAfter()) > 0 ? last.markedStale() : last);
            fresh.put(instrument, served);
            return served;
        }
    }

    /** A cached failure thrown anew, so each caller gets its own stack trace and the same causes. */
    private static Unavailable again(Unavailable cached) {
        Unavailable again = new Unavailable(cached.getMessage());
        for (Throwable cause : cached.getSuppressed()) {
            again.addSuppressed(cause);
        }
        return again;
    }

    @Override
    protected Optional<Quote> marketPrice(Asset base, Asset quote) {
        return lastPrice(spot(base, quote));
    }

    private Optional<Quote> ask(Instrument instrument) {
        List<BulwarkException> failures = new ArrayList<>();
        for (MarketData source : sources) {
            try {
                Optional<Quote> quote = source.lastPrice(instrument);
                if (quote.isPresent()) {
                    return quote;
                }
            } catch (BulwarkException e) {
                LOG.debug("falling back from a failed source for {}: {}", instrument, e.getMessage());
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        throw everySourceFailed("the price of " + instrument.symbol(), failures);
    }

    @Override
    public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        Objects.requireNonNull(instrument, "instrument");
        VenueHttp.requireCandleRange(from, to, interval);
        CandleKey key = new CandleKey(instrument, interval, from, to);
        List<Candle> cached = candles.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        List<BulwarkException> failures = new ArrayList<>();
        for (MarketData source : sources) {
            try {
                List<Candle> answer = source.candles(instrument, interval, from, to);
                if (!answer.isEmpty()) {
                    List<Candle> copy = List.copyOf(answer);
                    candles.put(key, copy);
                    return copy;
                }
            } catch (BulwarkException e) {
                LOG.debug("falling back from a failed source for {} candles of {}: {}", interval, instrument,
                        e.getMessage());
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw everySourceFailed(interval + " candles of " + instrument.symbol(), failures);
        }
        candles.put(key, List.of());
        return List.of();
    }

    private static Unavailable everySourceFailed(String what, List<BulwarkException> failures) {
        String each = failures.stream().map(BulwarkException::code).collect(Collectors.joining(", "));
        Unavailable unavailable = new Unavailable("no market data source could give " + what + " (" + each + ")");
        failures.forEach(unavailable::addSuppressed);
        return unavailable;
    }
}
