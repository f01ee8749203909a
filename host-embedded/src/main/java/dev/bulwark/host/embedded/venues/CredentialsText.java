package dev.bulwark.host.embedded.venues;

import dev.bulwark.ports.driven.venues.VenueCredentials;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A venue account's credentials as the one text the vault seals: each part length-prefixed
 * ({@code <length>:<text>}), so keys, secrets and PEM keys with any characters (new lines included) come back
 * exactly. Errors never quote the text.
 */
public final class CredentialsText {
    private CredentialsText() {
    }

    public static String encode(String apiKey, String secret, @Nullable String passphrase) {
        StringBuilder text = new StringBuilder("v1|");
        for (String part : passphrase == null ? List.of(apiKey, secret) : List.of(apiKey, secret, passphrase)) {
            text.append(part.length()).append(':').append(part);
        }
        return text.toString();
    }

    public static VenueCredentials decode(String text) {
        if (!text.startsWith("v1|")) {
            throw new IllegalArgumentException("sealed credentials are not in a known format");
        }
        List<String> parts = new ArrayList<>();
        int at = 3;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new IllegalArgumentException("sealed credentials are damaged");
            }
            int length;
            try {
                length = Integer.parseInt(text, at, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sealed credentials are damaged");
            }
            if (length < 0 || colon + 1 + length > text.length()) {
                throw new IllegalArgumentException("sealed credentials are damaged");
            }
            parts.add(text.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        if (parts.size() < 2 || parts.size() > 3) {
            throw new IllegalArgumentException("sealed credentials hold " + parts.size() + " parts, not 2 or 3");
        }
        return new VenueCredentials(parts.get(0), parts.get(1), parts.size() == 3 ? parts.get(2) : null);
    }
}
