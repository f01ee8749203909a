package dev.bulwark.application.signals;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import org.jspecify.annotations.Nullable;

/**
 * Reads the symbol a sender wrote ({@code BTCUSDT}, {@code BINANCE:BTCUSDT}, {@code BTC-USD}, {@code BTC/USDT},
 * {@code btc_usdt}, {@code BTCUSDT.P}, {@code AAPL}, {@code NASDAQ:AAPL}) as a venue-neutral instrument on the bot's
 * market. A glued crypto symbol is split at the longest known quote asset it ends with; a stock symbol without a
 * quote is priced in USD. Anything else is refused with a sentence for the receipt.
 */
final class SymbolNormalizer {
    private SymbolNormalizer() {
    }

    /**
     * The instrument, or an {@link IllegalArgumentException} whose message says what was wrong. The text is read by
     * the webhook's own rule ({@link SignalFields#symbol}), so what the door accepted is what the worker trades.
     */
    static Instrument instrument(@Nullable String raw, AssetType assetType, Market market) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the signal names no symbol");
        }
        String symbol = SignalFields.symbol(raw, assetType);
        if (symbol == null) {
            throw refused(raw, "not BASE/QUOTE, BASEQUOTE with a known quote asset (such as USDT, USD or EUR), "
                    + "EXCHANGE:SYMBOL or a stock ticker");
        }
        int slash = symbol.indexOf('/');
        try {
            return new Instrument(Asset.of(symbol.substring(0, slash)), Asset.of(symbol.substring(slash + 1)), market);
        } catch (IllegalArgumentException e) {
            throw refused(raw, "not two asset codes");
        }
    }

    private static IllegalArgumentException refused(String raw, String why) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return new IllegalArgumentException("the symbol '" + shown + "' cannot be read: " + why);
    }
}
