package dev.bulwark.host.embedded.system;

import dev.bulwark.ports.driven.system.SecureTokens;
import java.security.SecureRandom;

/**
 * The platform's default {@link SecureRandom} (the operating system's non-blocking source on Linux and macOS)
 * behind the {@link SecureTokens} port: every session token, API key, TOTP seed, salt and backup code comes from
 * here. {@code SecureRandom} is thread-safe, so one instance serves every thread.
 */
public final class SecureRandomTokens implements SecureTokens {
    /** Far beyond any token: a caller asking for more has a bug, not a need. */
    static final int MAX_LENGTH = 1024;

    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] bytes(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a secure token is 0 to " + MAX_LENGTH + " bytes");
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
