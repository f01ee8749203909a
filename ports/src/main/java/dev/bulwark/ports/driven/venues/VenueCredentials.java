package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.VenueAccount;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An account's API credentials, opened from the vault for one {@link VenueConnection}. The gateway keeps them only
 * as long as it lives and uses them only to sign requests; nothing here is ever logged, stored or put in a message:
 * {@link #toString()} shows only the key's {@linkplain VenueAccount#hintOf hint}, and a refusal never quotes a
 * value.
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

    /** The key's hint, never the secret or the passphrase. */
    @Override
    public String toString() {
        return "VenueCredentials[apiKey=" + VenueAccount.hintOf(apiKey) + ", secret=***, passphrase="
                + (passphrase == null ? "none" : "***") + "]";
    }
}
