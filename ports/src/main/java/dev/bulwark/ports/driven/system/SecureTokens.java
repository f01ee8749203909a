package dev.bulwark.ports.driven.system;

import org.apiguardian.api.API;

/**
 * Unguessable random values from a cryptographically strong source: session tokens, API keys, TOTP seeds, backup
 * codes, invitation and setup tokens. A port, so tests can make them repeatable. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SecureTokens {
    /** {@code length} random bytes. */
    byte[] bytes(int length);
}
