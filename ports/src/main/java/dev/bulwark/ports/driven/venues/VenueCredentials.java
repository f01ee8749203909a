package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.VenueAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An account's API credentials, opened from the vault for one {@link VenueConnection}. The gateway keeps them only
 * as long as it lives and uses them only to sign requests; nothing here is ever logged, stored or put in a message:
 * {@link #toString()} shows only the key's {@linkplain VenueAccount#hintOf hint}, and a refusal never quotes a
 * value.
 *
 * <p>The vault seals them as one text, {@linkplain #encoded() encoded} with each part length-prefixed
 * ({@code v1|<length>:<text>...}), so keys, secrets and PEM keys with any characters (new lines included) come back
 * exactly from {@link #decode}. The application encodes when it stores credentials; the connector decodes when it
 * opens them.
 *
 * @param apiKey the key, printable ASCII without spaces, at most 512 characters
 * @param secret the secret: an HMAC secret, or a PEM private key (Ed25519, RSA, EC) whose lines are kept; not
 *     blank, at most 8192 characters
 * @param passphrase the passphrase some venues add to a key (OKX, Coinbase Exchange); not blank when present, at
 *     most 200 characters, without control characters
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record VenueCredentials(String apiKey, String secret, @Nullable String passphrase) {
    public static final int MAX_API_KEY = 512;
    public static final int MAX_SECRET = 8_192;
    public static final int MAX_PASSPHRASE = 200;

    private static final String FORMAT = "v1|";

    public VenueCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        if (apiKey.isEmpty() || apiKey.length() > MAX_API_KEY || !apiKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("an API key is 1 to " + MAX_API_KEY + " printable ASCII characters without spaces");
        }
        if (secret.isBlank() || secret.length() > MAX_SECRET) {
            throw new IllegalArgumentException("an API secret is 1 to " + MAX_SECRET + " characters, not blank");
        }
        if (passphrase != null && (passphrase.isBlank() || passphrase.length() > MAX_PASSPHRASE
                || passphrase.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a passphrase is 1 to " + MAX_PASSPHRASE
                    + " characters, not blank, without control characters");
        }
    }

    /** Credentials of a key and secret without a passphrase. */
    public static VenueCredentials of(String apiKey, String secret) {
        return new VenueCredentials(apiKey, secret, null);
    }

    /** The one text the vault seals: {@code v1|} then each part as {@code <length>:<text>}. */
    public String encoded() {
        StringBuilder text = new StringBuilder(FORMAT);
        for (String part : passphrase == null ? List.of(apiKey, secret) : List.of(apiKey, secret, passphrase)) {
            text.append(part.length()).append(':').append(part);
        }
        return text.toString();
    }

    /**
     * Credentials from the text {@link #encoded()} made.
     *
     * @throws IllegalArgumentException when the text is not such a text, or holds credentials this record refuses;
     *     the message never quotes the text
     */
    public static VenueCredentials decode(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(FORMAT)) {
            throw new IllegalArgumentException("sealed credentials are not in a known format");
        }
        List<String> parts = new ArrayList<>();
        int at = FORMAT.length();
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
            if (length < 0 || length > text.length() - colon - 1) {
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

    /** The key's hint, never the secret or the passphrase. */
    @Override
    public String toString() {
        return "VenueCredentials[apiKey=" + VenueAccount.hintOf(apiKey) + ", secret=***, passphrase="
                + (passphrase == null ? "none" : "***") + "]";
    }
}
