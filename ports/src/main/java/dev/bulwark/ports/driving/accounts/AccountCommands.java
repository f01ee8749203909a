package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The commands of the accounts use cases: plain values with Bean Validation, constructors that never throw (a host
 * reports every field error at once). A {@code secondFactor} is a current TOTP code (6 digits) or an unused backup
 * code; it is required where the user has two-factor on and the change is one that asks for it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface AccountCommands {
    /** Second factors: 6 digits (TOTP) or a backup code (10 characters of {@code [a-z0-9]}, a dash allowed). */
    String SECOND_FACTOR = "\\s*([0-9]{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})\\s*";

    /**
     * @param password at least 12 characters and judged strong enough; at most 256 (hashing cost is bounded)
     * @param setupToken the one-time token of the setup link: required while the instance has no user
     */
    record Register(@NotBlank @Email @Size(max = 254) @Nullable String email,
                           @NotNull @Size(min = 12, max = 256) @Nullable String password,
                           @Size(max = 200) @Nullable String setupToken) {
        @Override
        public String toString() {
            return "Register[email=" + email + "]";
        }
    }

    /**
     * @param secondFactor needed when the user has two-factor on; without it a right password answers
     *     {@link SignIn.SecondFactorRequired}
     * @param ip the client's address (lockout counts per address too)
     * @param userAgent kept with the session so the user can tell sessions apart
     */
    record Login(@NotBlank @Size(max = 254) @Nullable String email,
                        @NotNull @Size(max = 256) @Nullable String password,
                        @Pattern(regexp = SECOND_FACTOR) @Nullable String secondFactor,
                        @Nullable String ip, @Nullable String userAgent) {
        @Override
        public String toString() {
            return "Login[email=" + email + ", ip=" + ip + "]";
        }
    }

    record ChangePassword(@NotNull @Size(max = 256) @Nullable String currentPassword,
                                 @NotNull @Size(min = 12, max = 256) @Nullable String newPassword,
                                 @Pattern(regexp = SECOND_FACTOR) @Nullable String secondFactor) {
        @Override
        public String toString() {
            return "ChangePassword[****]";
        }
    }

    /** Starting (or restarting) two-factor enrollment asks for the password again. */
    record EnrollTwoFactor(@NotNull @Size(max = 256) @Nullable String password) {
        @Override
        public String toString() {
            return "EnrollTwoFactor[****]";
        }
    }

    /** The first TOTP code from the authenticator confirms the enrollment. */
    record ConfirmTwoFactor(@NotNull @Pattern(regexp = "\\s*[0-9]{6}\\s*") @Nullable String code) {
    }

    /** Turning two-factor off, or replacing the backup codes, asks for a second factor. */
    record SecondFactor(@NotNull @Pattern(regexp = SECOND_FACTOR) @Nullable String secondFactor) {
        @Override
        public String toString() {
            return "SecondFactor[****]";
        }
    }

    record CreateTeam(@NotBlank @Size(max = 200) @Nullable String name) {
    }

    record Invite(@NotBlank @Email @Size(max = 254) @Nullable String email, @NotNull @Nullable Role role) {
    }

    record AcceptInvitation(@NotBlank @Size(max = 200) @Nullable String token) {
    }

    record ChangeRole(@NotNull @Nullable Role role) {
    }

    /**
     * @param scopes READ and/or TRADE (MANAGE is refused: settings changes need a person and a second factor)
     * @param expiresAt optional end of the key's life
     */
    record CreateApiKey(@NotBlank @Size(max = 100) @Nullable String name,
                               @NotEmpty @Nullable Set<Scope> scopes,
                               @Future @Nullable Instant expiresAt) {
    }
}
