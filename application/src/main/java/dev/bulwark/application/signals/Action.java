package dev.bulwark.application.signals;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a signal asks for: {@code buy} and {@code sell} open or add, {@code close} closes; any case, any blanks. */
enum Action {
    BUY, SELL, CLOSE;

    static Action parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new Refusal("the signal names no action: buy, sell or close");
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "buy" -> BUY;
            case "sell" -> SELL;
            case "close" -> CLOSE;
            default -> throw new Refusal("the action '" + (raw.length() > 20 ? raw.substring(0, 20) + "…" : raw.strip())
                    + "' is not buy, sell or close");
        };
    }
}
