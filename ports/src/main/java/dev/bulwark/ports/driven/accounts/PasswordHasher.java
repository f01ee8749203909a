package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.PasswordHash;
import org.apiguardian.api.API;

/**
 * Hashes and verifies passwords (Argon2id at OWASP's parameters or stronger). Slow on purpose; thread-safe. The
 * password is a {@code char[]}-free {@link String} because it arrives as one from every door; it is never logged.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface PasswordHasher {
    PasswordHash hash(String password);

    /** Whether the password matches, in time independent of where it differs. */
    boolean verify(String password, PasswordHash hash);

    /** Whether the hash was made with weaker parameters (or another algorithm) than this hasher's: rehash on sign-in. */
    boolean needsRehash(PasswordHash hash);
}
