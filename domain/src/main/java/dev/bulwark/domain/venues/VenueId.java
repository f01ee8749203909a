package dev.bulwark.domain.venues;

import java.util.Objects;
import java.util.regex.Pattern;

/** A venue by its id: {@code binance}, {@code kraken}, {@code alpaca}, {@code paper}, or an integrator's own. */
public record VenueId(String value) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public static final VenueId PAPER = new VenueId("paper");

    public VenueId {
        Objects.requireNonNull(value, "value");
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException("a venue id is lower case letters, digits and '-', 1 to 32 long, starting with a letter, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
