package dev.bulwark.domain.orders;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id we send a venue with an order, so an order whose outcome is unknown can be looked up there before anything
 * is sent again. 1 to 36 of {@code A-Z a-z 0-9 . _ : / -}: Binance's {@code newClientOrderId} pattern, the strictest
 * of the venues we target, so one id works everywhere.
 */
public record ClientOrderId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:/-]{1,36}");

    public ClientOrderId {
        Objects.requireNonNull(value, "value");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a client order id is 1 to 36 of A-Z a-z 0-9 . _ : / -, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
