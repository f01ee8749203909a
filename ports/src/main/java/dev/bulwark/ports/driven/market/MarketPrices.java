package dev.bulwark.ports.driven.market;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.PriceTable;
import dev.bulwark.domain.portfolio.Rate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The quotes a {@link MarketData} gathered at {@code at} to value a set of assets in USD and EUR, and the assets
 * it could not price because every source that might have done so failed ({@code unavailable}: an outage, not
 * an asset without a market, which is simply absent).
 *
 * <p>{@link #table()} feeds the domain's valuation. It holds every quote except the {@linkplain Quote#PEG pegs}:
 * a {@link PriceTable} applies the peg itself where no market price exists and flags each rate built on it
 * assumed, so leaving the pegs out keeps that flag right. A {@linkplain Quote#CONFIGURED configured} EUR rate
 * is in the table like a market price, so a rate through it is flagged only by {@link #assumed(Rate)}: a caller
 * that values in EUR asks that, not {@link Rate#assumed()} alone.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record MarketPrices(Instant at, List<Quote> quotes, List<Asset> unavailable) {

    private static final Comparator<Quote> ORDER = Comparator.comparing(Quote::base).thenComparing(Quote::quote);

    /** Quotes are kept ordered by base then quote, at most one per ordered pair; unavailable assets by code. */
    public MarketPrices {
        Objects.requireNonNull(at, "at");
        List<Quote> sorted = new ArrayList<>(Objects.requireNonNull(quotes, "quotes"));
        sorted.sort(ORDER);
        Set<String> pairs = new HashSet<>();
        for (Quote quote : sorted) {
            if (!pairs.add(quote.pair())) {
                throw new IllegalArgumentException("two quotes for " + quote.pair());
            }
        }
        quotes = List.copyOf(sorted);
        unavailable = List.copyOf(new TreeSet<>(Objects.requireNonNull(unavailable, "unavailable")));
    }

    /** The quotes as a price table, pegs left to the table (see the class comment). */
    public PriceTable table() {
        return PriceTable.of(quotes.stream().filter(q -> !q.source().equals(Quote.PEG)).map(Quote::toPrice).toList());
    }

    /** Whether any quote rests on an assumption (a peg or a configured rate). */
    public boolean assumed() {
        return quotes.stream().anyMatch(Quote::assumed);
    }

    /** Whether any quote is stale. */
    public boolean stale() {
        return quotes.stream().anyMatch(Quote::stale);
    }

    /** Whether a rate of {@link #table()} rests on an assumption: a peg the table took, or an assumed quote. */
    public boolean assumed(Rate rate) {
        return rate.assumed() || hops(rate).stream().anyMatch(hop -> hop.map(Quote::assumed).orElse(true));
    }

    /** Whether a rate of {@link #table()} goes through a stale quote. */
    public boolean stale(Rate rate) {
        return hops(rate).stream().anyMatch(hop -> hop.map(Quote::stale).orElse(false));
    }

    /**
     * One {@code base} in {@code quote} as this snapshot converts it: a quote held, its inverse, or a cross
     * through the table (a peg included), with the sources, age and flags of every quote it went through.
     * Empty when the table has no route.
     */
    public Optional<Quote> quote(Asset base, Asset quote) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("a quote needs two different assets, was " + base + "/" + quote);
        }
        return table().rate(base, quote).map(rate -> {
            List<Optional<Quote>> hops = hops(rate);
            Set<String> sources = new LinkedHashSet<>();
            Instant oldest = at;
            boolean first = true;
            for (Optional<Quote> hop : hops) {
                // a hop without a quote is a peg the table took on its own
                sources.add(hop.map(Quote::source).orElse(Quote.PEG));
                Instant hopAt = hop.map(Quote::at).orElse(at);
                oldest = first || hopAt.isBefore(oldest) ? hopAt : oldest;
                first = false;
            }
            return new Quote(base, quote, rate.value(), oldest, String.join("+", sources), stale(rate), assumed(rate));
        });
    }

    /** For each step of the rate's path, the quote it used in either direction, or empty for a table's own peg. */
    private List<Optional<Quote>> hops(Rate rate) {
        List<Asset> path = rate.path();
        List<Optional<Quote>> hops = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            Asset from = path.get(i - 1);
            Asset to = path.get(i);
            hops.add(quotes.stream()
                    .filter(q -> q.base().equals(from) && q.quote().equals(to)
                            || q.base().equals(to) && q.quote().equals(from))
                    .filter(q -> !q.source().equals(Quote.PEG))
                    .findFirst());
        }
        return hops;
    }
}
