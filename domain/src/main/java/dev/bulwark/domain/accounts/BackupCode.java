package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A one-time backup code for two-factor sign-in, kept as a digest only (hex SHA-256, or HMAC-SHA-256 under a
 * server key): found by hashing what the user types, and spent once ({@code usedAt}).
 */
public record BackupCode(UserId user, String codeHash, @Nullable Instant usedAt) {
    public BackupCode {
        Objects.requireNonNull(user, "user");
        codeHash = Sha256Hex.require(codeHash, "codeHash");
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    @Override
    public String toString() {
        return "BackupCode[user=" + user + ", usedAt=" + usedAt + "]";
    }
}
