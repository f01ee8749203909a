package dev.bulwark.domain.money;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An asset by its code: a coin ({@code BTC}), a stablecoin ({@code USDT}), a fiat currency ({@code EUR}) or a
 * stock ({@code AAPL}). Codes are upper case letters and digits, 1 to 20 long; venue-specific spellings
 * ({@code XXBT} on Kraken) are mapped inside the venue's adapter.
 */
public record Asset(String code) implements Comparable<Asset> {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,20}");

    public static final Asset USD = new Asset("USD");
    public static final Asset EUR = new Asset("EUR");
    public static final Asset USDT = new Asset("USDT");
    public static final Asset USDC = new Asset("USDC");
    public static final Asset BTC = new Asset("BTC");
    public static final Asset ETH = new Asset("ETH");

    /** Fiat currencies we value in or know as such. */
    private static final Set<String> FIAT = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD");
    /** Stablecoins pegged one to one to the US dollar. */
    private static final Set<String> USD_STABLECOINS =
            Set.of("USDT", "USDC", "BUSD", "FDUSD", "TUSD", "USDP", "DAI", "PYUSD", "USDE", "USD1");

    public Asset {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("an asset code is 1 to 20 upper case letters or digits, was '" + code + "'");
        }
    }

    /** Parses a code case-insensitively, trimming blanks: {@code " btc "} is {@code BTC}. */
    public static Asset of(String code) {
        return new Asset(Objects.requireNonNull(code, "code").trim().toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isFiat() {
        return FIAT.contains(code);
    }

    /** A stablecoin whose peg is one US dollar (its market price may differ: that is what a depeg is). */
    public boolean isUsdStablecoin() {
        return USD_STABLECOINS.contains(code);
    }

    @Override
    public int compareTo(Asset other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
