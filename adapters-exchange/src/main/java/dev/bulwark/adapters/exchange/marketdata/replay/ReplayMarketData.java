package dev.bulwark.adapters.exchange.marketdata.replay;

import dev.bulwark.adapters.exchange.marketdata.BaseMarketData;
import dev.bulwark.adapters.exchange.marketdata.CandleAggregation;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.system.TimeSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Market data replayed from real history, as of the {@link TimeSource}'s now: what a trader would have seen
 * then, never a candle that had not closed yet. With the shipped data ({@link ShippedSeries}) it is the
 * embedded default: real prices with no network.
 *
 * <ul>
 *   <li><b>Last price</b>: the close of the last candle that closed at or before now, dated when it closed; of
 *       several series of an instrument, the one that closed last (ties: the first listed). It is
 *       {@linkplain Quote#stale() stale} when the series' next candle should have closed by now and did not
 *       (the history ended, or has a gap here). An instrument without a series of its own is priced through
 *       the others when it can be ({@code BTC/EUR}, {@code BTC/USDT}, {@code ETH/BTC}), with every source and
 *       flag of the parts.
 *   <li><b>Candles</b>: served at a series' own interval or built from it for any longer one (4 hours to a
 *       day: {@link CandleAggregation}); an interval shorter than every series of the instrument is an empty
 *       list, as an interval a venue does not serve is. Of several series, the one giving the most candles in
 *       the range (ties: the first listed); series are never stitched together. A longer candle is built only
 *       once it has closed by now. Instruments without a series of their own have no candles: a candle is an
 *       observation, never derived.
 *   <li><b>Stablecoins and EUR</b>: the shipped data has no USDT, USDC or EUR market, so a stablecoin is taken
 *       at its peg and EUR at the configured rate, each flagged {@linkplain Quote#assumed() assumed}, as is every
 *       price built on them.
 * </ul>
 * The shipped series are read on first use. Thread-safe.
 */
public final class ReplayMarketData extends BaseMarketData {
    private final Supplier<List<ReplaySeries>> series;

    /**
     * Replays the shipped history.
     *
     * @param assumedEurUsd US dollars per euro, assumed (and flagged) for every EUR value
     */
    public ReplayMarketData(TimeSource time, BigDecimal assumedEurUsd) {
        this(new Memo<>(ShippedSeries::load), time, assumedEurUsd);
    }

    /** Replays the given series, in order of preference. */
    public ReplayMarketData(List<ReplaySeries> series, TimeSource time, BigDecimal assumedEurUsd) {
        this(constant(List.copyOf(Objects.requireNonNull(series, "series"))), time, assumedEurUsd);
    }

    private ReplayMarketData(Supplier<List<ReplaySeries>> series, TimeSource time, BigDecimal assumedEurUsd) {
        super(time, Objects.requireNonNull(assumedEurUsd, "assumedEurUsd"));
        this.series = series;
    }

    private static Supplier<List<ReplaySeries>> constant(List<ReplaySeries> series) {
        return () -> series;
    }

    /** The series replayed, in order of preference. */
    public List<ReplaySeries> series() {
        return series.get();
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        Instant now = time.now();
        Optional<Quote> own = lastClose(series().stream().filter(s -> s.instrument().equals(instrument)).toList(), now);
        if (own.isPresent()) {
            return own;
        }
        return prices(Set.of(instrument.base(), instrument.quote())).quote(instrument.base(), instrument.quote());
    }

    /** A pair's own series on any market, spot first: a share is worth its stock price whatever market asks. */
    @Override
    protected Optional<Quote> marketPrice(Asset base, Asset quote) {
        List<ReplaySeries> pair = series().stream()
                .filter(s -> s.instrument().base().equals(base) && s.instrument().quote().equals(quote))
                .sorted(Comparator.comparing(s -> s.instrument().market() != Market.SPOT))
                .toList();
        return lastClose(pair, time.now());
    }

    private static Optional<Quote> lastClose(List<ReplaySeries> candidates, Instant now) {
        Quote best = null;
        for (ReplaySeries s : candidates) {
            int index = s.firstOpeningAtOrAfter(now) - 1;
            while (index >= 0 && s.candles().get(index).closeTime().isAfter(now)) {
                index--;
            }
            if (index < 0) {
                continue;
            }
            Candle last = s.candles().get(index);
            Instant at = last.closeTime();
            if (best == null || at.isAfter(best.at())) {
                boolean stale = !now.isBefore(at.plus(s.interval().duration()));
                best = new Quote(s.instrument().base(), s.instrument().quote(), last.close(), at, s.source(), stale,
                        false);
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a candle range ends at or after its start, was " + from + " to " + to);
        }
        Instant now = time.now();
        List<Candle> best = List.of();
        for (ReplaySeries s : series()) {
            if (!s.instrument().equals(instrument) || !CandleAggregation.canBuild(interval, s.interval())) {
                continue;
            }
            List<Candle> built = build(s, interval, from, to, now);
            if (built.size() > best.size()) {
                best = built;
            }
        }
        return best;
    }

    private static List<Candle> build(ReplaySeries s, CandleInterval interval, Instant from, Instant to, Instant now) {
        if (interval == s.interval()) {
            return s.between(from, to, now);
        }
        // every shorter candle of the buckets touching the range, then only the buckets inside it, closed by now
        List<Candle> shorter = s.between(interval.openOf(from), CandleAggregation.alignUp(to, interval), now);
        return CandleAggregation.aggregate(shorter, interval).stream()
                .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(to) && !c.closeTime().isAfter(now))
                .toList();
    }

    /**
     * Computes once, on first use, for every thread. A lock rather than {@code synchronized}: a virtual thread
     * waiting on a monitor pins its carrier before JDK 24, and the first read takes a moment.
     */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> compute;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile @Nullable T value;

        Memo(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            T result = value;
            if (result != null) {
                return result;
            }
            lock.lock();
            try {
                result = value;
                if (result == null) {
                    result = compute.get();
                    value = result;
                }
                return result;
            } finally {
                lock.unlock();
            }
        }
    }
}
