package dev.bulwark.adapters.exchange.marketdata;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.errors.BulwarkException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every market data source derives the same way from its single markets: {@link #fx} (the pair, the
 * inverse of the reverse pair, else a cross) and {@link #prices} (for each asset its market against USD, else
 * USDT, USDC or EUR, then the markets of those). A subclass says only how it prices one market.
 *
 * <p>Assumptions come last and are flagged: a USD stablecoin without an answering market is taken at its peg,
 * and EUR, when no market prices it and a rate was configured, at that rate.
 */
public abstract class BaseMarketData implements MarketData {
    private static final Logger LOG = LoggerFactory.getLogger(BaseMarketData.class);
    /** The assets others are priced in, in order of preference: the valuation anchor first. */
    private static final List<Asset> QUOTE_ASSETS = List.of(Asset.USD, Asset.USDT, Asset.USDC, Asset.EUR);

    protected final TimeSource time;
    private final @Nullable BigDecimal assumedEurUsd;

    /**
     * @param assumedEurUsd US dollars per euro to assume when no market prices EUR, or null to leave EUR
     *        unpriced then
     */
    protected BaseMarketData(TimeSource time, @Nullable BigDecimal assumedEurUsd) {
        this.time = Objects.requireNonNull(time, "time");
        this.assumedEurUsd = assumedEurUsd == null ? null : Decimals.requirePositive(assumedEurUsd, "assumedEurUsd");
    }

    /**
     * The price of one market of this source ({@code base/quote}), never derived. Empty when the source has no
     * such market; throws a {@link BulwarkException} when it could not answer.
     */
    protected abstract Optional<Quote> marketPrice(Asset base, Asset quote);

    /** The spot instrument of a pair, the market valuation and FX read. */
    protected static Instrument spot(Asset base, Asset quote) {
        return new Instrument(base, quote, Market.SPOT);
    }

    @Override
    public Optional<Quote> fx(Asset base, Asset quote) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("an FX rate needs two different assets, was " + base + "/" + quote);
        }
        BulwarkException failure = null;
        try {
            Optional<Quote> direct = marketPrice(base, quote);
            if (direct.isPresent()) {
                return direct;
            }
        } catch (BulwarkException e) {
            failure = e;
        }
        try {
            Optional<Quote> reverse = marketPrice(quote, base);
            if (reverse.isPresent()) {
                return reverse.map(Quote::inverse);
            }
        } catch (BulwarkException e) {
            failure = failure == null ? e : failure;
        }
        Optional<Quote> cross = prices(Set.of(base, quote)).quote(base, quote);
        if (cross.isEmpty() && failure != null) {
            throw failure;
        }
        return cross;
    }

    @Override
    public MarketPrices prices(Set<Asset> assets) {
        Objects.requireNonNull(assets, "assets");
        Instant at = time.now();
        List<Quote> quotes = new ArrayList<>();
        List<Asset> unavailable = new ArrayList<>();
        Deque<Asset> todo = new ArrayDeque<>(new TreeSet<>(assets));
        todo.addLast(Asset.EUR);
        Set<Asset> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Asset asset = todo.removeFirst();
            if (asset.equals(Asset.USD) || !seen.add(asset)) {
                continue;
            }
            boolean failed = false;
            Quote found = null;
            for (Asset quote : QUOTE_ASSETS) {
                if (quote.equals(asset)) {
                    continue;
                }
                try {
                    found = marketPrice(asset, quote).orElse(null);
                } catch (BulwarkException e) {
                    // another quote asset may still answer; the failure counts only if none does
                    failed = true;
                    LOG.debug("no price for {}/{}: {}", asset, quote, e.code());
                }
                if (found != null) {
                    todo.addLast(quote);
                    break;
                }
            }
            if (found == null) {
                found = assumption(asset, at).orElse(null);
            }
            if (found != null) {
                quotes.add(found);
            } else if (failed) {
                unavailable.add(asset);
            }
        }
        return new MarketPrices(at, quotes, unavailable);
    }

    /** The peg of a USD stablecoin, or the configured EUR rate: the flagged last resort. */
    private Optional<Quote> assumption(Asset asset, Instant at) {
        if (asset.isUsdStablecoin()) {
            return Optional.of(Quote.peg(asset, at));
        }
        if (asset.equals(Asset.EUR) && assumedEurUsd != null) {
            return Optional.of(new Quote(Asset.EUR, Asset.USD, assumedEurUsd, at, Quote.CONFIGURED, false, true));
        }
        return Optional.empty();
    }
}
