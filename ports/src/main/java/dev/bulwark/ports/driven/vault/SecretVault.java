package dev.bulwark.ports.driven.vault;

import dev.bulwark.domain.secrets.SealedSecret;
import org.apiguardian.api.API;

/**
 * Envelope encryption of secrets. Plaintext exists only between {@link #open} and its use; it is never logged,
 * never in an exception, never returned by an API. A tampered envelope, a wrong binding or a retired key fails
 * closed with {@link dev.bulwark.ports.errors.SecretUnavailable}, whose message holds no secret material.
 * Implementations are thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SecretVault {
    /** Seals with a fresh data key under the current master key, bound to {@code binding}. */
    SealedSecret seal(String plaintext, SecretBinding binding);

    /** Opens a sealed secret for one use and writes an audit entry for it (in the caller's transaction). */
    String open(SealedSecret sealed, SecretBinding binding, SecretUse use);

    /** Re-seals under the current master key (rotation); not a use, so not audited as one. */
    SealedSecret reseal(SealedSecret sealed, SecretBinding binding);

    /** Whether the envelope was sealed under the current master key (false: reseal it before its key is retired). */
    boolean isCurrent(SealedSecret sealed);
}
