package dev.bulwark.application.accounts;

import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.ports.driven.accounts.TwoFactorSecrets;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Second factors: TOTP codes (each time step accepted once, by the store's conditional update) and single-use
 * backup codes (kept as the SHA-256 of their normalized form). The TOTP seed is sealed by the vault, bound to
 * the user's personal workspace and {@code totp:<user id>}, and opened only to check a code.
 */
final class SecondFactors {
    private static final Pattern TOTP_CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern BACKUP_CODE = Pattern.compile("[a-z0-9]{5}-?[a-z0-9]{5}");
    private static final String BACKUP_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int BACKUP_LENGTH = 10;

    /** Codes to show once, and the hashes to keep. */
    record Issued(List<String> codes, List<String> hashes) {
    }

    private final TwoFactorSecrets store;
    private final SecretVault vault;
    private final Tokens tokens;

    SecondFactors(TwoFactorSecrets store, SecretVault vault, Tokens tokens) {
        this.store = Objects.requireNonNull(store, "store");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    static SecretBinding binding(User user) {
        return new SecretBinding(user.personalWorkspace(), "totp:" + user.id());
    }

    /** The user's enrollment when confirmed: only then is two-factor on. */
    Optional<TwoFactor> confirmed(UserId user) {
        return store.find(user).filter(TwoFactor::confirmed);
    }

    /** A current TOTP code or an unused backup code, spent when right. False for anything else. */
    boolean verify(User user, TwoFactor enrollment, String secondFactor, Instant now, String actor) {
        String typed = secondFactor.strip();
        if (TOTP_CODE.matcher(typed).matches()) {
            return verifyTotp(user, enrollment, typed, now, actor);
        }
        String backup = typed.toLowerCase(Locale.ROOT);
        if (BACKUP_CODE.matcher(backup).matches()) {
            return store.useBackupCode(user.id(), backupHash(backup), now);
        }
        return false;
    }

    /**
     * A TOTP code of the step now or one either side; the matching step is then accepted by the store once, and
     * no earlier step after it. Every candidate is computed and compared in constant time, so the time taken
     * does not say which step (if any) matched.
     */
    boolean verifyTotp(User user, TwoFactor enrollment, String code, Instant now, String actor) {
        String typed = code.strip();
        if (!TOTP_CODE.matcher(typed).matches()) {
            return false;
        }
        byte[] seed = Totp.fromBase32(vault.open(enrollment.secret(), binding(user), new SecretUse(actor, "verify a TOTP code", null)));
        long current = Totp.step(now);
        byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
        List<Long> matching = new ArrayList<>(3);
        for (long step = current - Totp.DRIFT_STEPS; step <= current + Totp.DRIFT_STEPS; step++) {
            byte[] expected = Totp.code(seed, step, Totp.DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typedBytes)) {
                matching.add(step);
            }
        }
        for (long step : matching) {
            if (step > 0 && store.acceptStep(user.id(), step)) {
                return true;
            }
        }
        return false;
    }

    /** A fresh TOTP seed: base32 of {@value AccountPolicy#TOTP_SEED_BYTES} random bytes. */
    String newSeed() {
        return Totp.base32(tokens.bytes(AccountPolicy.TOTP_SEED_BYTES));
    }

    /** {@value AccountPolicy#BACKUP_CODES} distinct codes {@code xxxxx-xxxxx} of {@code [a-z0-9]}, about 51.7 bits each. */
    Issued newBackupCodes() {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < AccountPolicy.BACKUP_CODES) {
            codes.add(newBackupCode());
        }
        List<String> shown = List.copyOf(codes);
        return new Issued(shown, shown.stream().map(SecondFactors::backupHash).toList());
    }

    private String newBackupCode() {
        StringBuilder code = new StringBuilder(BACKUP_LENGTH + 1);
        while (code.length() < BACKUP_LENGTH + 1) {
            for (byte b : tokens.bytes(16)) {
                int value = b & 0xff;
                // rejection sampling: 252 = 7 * 36, so every character is equally likely
                if (value < 252 && code.length() < BACKUP_LENGTH + 1) {
                    if (code.length() == 5) {
                        code.append('-');
                    }
                    code.append(BACKUP_ALPHABET.charAt(value % BACKUP_ALPHABET.length()));
                }
            }
        }
        return code.toString();
    }

    /** The stored form: SHA-256 of the code lower case without its dash, however it was typed. */
    static String backupHash(String code) {
        return Tokens.sha256Hex(code.strip().toLowerCase(Locale.ROOT).replace("-", ""));
    }
}
