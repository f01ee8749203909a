package dev.bulwark.domain.market;

import dev.bulwark.domain.money.Asset;
import java.util.Objects;

/**
 * What is traded: a base asset priced in a quote asset on a kind of market ({@code BTC/USDT} spot,
 * {@code BTC/USDT} USD-M futures, {@code AAPL/USD} stock). Each venue's own symbol ({@code BTCUSDT},
 * {@code XBTUSDT}, {@code BTC-USDT-SWAP}) is mapped inside the venue's adapter, never here.
 */
public record Instrument(Asset base, Asset quote, Market market) {

    public Instrument {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(market, "market");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("an instrument needs two different assets, was " + base + "/" + quote);
        }
    }

    public static Instrument spot(String base, String quote) {
        return new Instrument(Asset.of(base), Asset.of(quote), Market.SPOT);
    }

    /** Parses {@code BASE/QUOTE} (case-insensitive) on the given market. */
    public static Instrument parse(String symbol, Market market) {
        Objects.requireNonNull(symbol, "symbol");
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash != symbol.lastIndexOf('/') || slash == symbol.length() - 1) {
            throw new IllegalArgumentException("an instrument symbol is BASE/QUOTE, was '" + symbol + "'");
        }
        return new Instrument(Asset.of(symbol.substring(0, slash)), Asset.of(symbol.substring(slash + 1)), market);
    }

    /** {@code BASE/QUOTE}, the venue-neutral symbol (the market is not part of it). */
    public String symbol() {
        return base.code() + "/" + quote.code();
    }

    @Override
    public String toString() {
        return symbol() + " " + market;
    }
}
