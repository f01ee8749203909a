package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangePassword;
import dev.bulwark.ports.driving.accounts.AccountCommands.ConfirmTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.EnrollTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.Login;
import dev.bulwark.ports.driving.accounts.AccountCommands.Register;
import dev.bulwark.ports.driving.accounts.AccountCommands.SecondFactor;
import dev.bulwark.ports.driving.accounts.AccountViews.BackupCodes;
import dev.bulwark.ports.driving.accounts.AccountViews.Me;
import dev.bulwark.ports.driving.accounts.AccountViews.Registered;
import dev.bulwark.ports.driving.accounts.AccountViews.SessionView;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.TwoFactorEnrollment;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Registering, signing in and out, sessions and two-factor. Policy (the numbers a host documents):
 * <ul>
 *   <li>passwords: at least 12 characters, judged by a strength estimator; Argon2id, rehashed on sign-in when the
 *       parameters were raised;</li>
 *   <li>sessions: 24 hours absolute, 30 minutes idle, at most 3 at once (the oldest is revoked);</li>
 *   <li>lockout: 5 failed sign-ins within 15 minutes lock the account, and the source address, for 15 minutes
 *       ({@link dev.bulwark.ports.errors.RateLimited}, the same answer whether the email exists or not);</li>
 *   <li>TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift), each code accepted once; 10 backup codes.</li>
 * </ul>
 * Wrong email or wrong password answer the same {@link dev.bulwark.ports.errors.Unauthorized}, in about the same
 * time (an unknown email still pays a hash).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ManageAccounts {
    /**
     * Registers a user with a personal workspace (owner). While the instance has no user, only with the setup token.
     *
     * @throws dev.bulwark.ports.errors.Invalid for a weak password (field {@code password}) or a missing/wrong setup token
     * @throws dev.bulwark.ports.errors.Conflict when the email is taken
     */
    Registered register(Register command);

    /** Signs in: a new session, or {@link SignIn.SecondFactorRequired} when two-factor is on and no code came. */
    SignIn login(Login command);

    /**
     * The principal behind a bearer token (a session token or an API key), acting in {@code workspace} (null: the
     * session's, or the key's). A session's idle clock restarts.
     *
     * @throws dev.bulwark.ports.errors.Unauthorized for an unknown, revoked or expired token
     * @throws dev.bulwark.ports.errors.NotFound when the user is not a member of {@code workspace}
     */
    Principal authenticate(String bearerToken, @Nullable WorkspaceId workspace);

    /** Ends the principal's own session (an API key is revoked with {@link ManageApiKeys}). */
    void logout(Principal principal);

    Me me(Principal principal);

    /** The user's active sessions, oldest first, the current one marked. */
    List<SessionView> sessions(Principal principal);

    /** Revokes one of the user's sessions; NotFound when it is not theirs or already ended. */
    void revokeSession(Principal principal, SessionId session);

    /** Changes the password (second factor when on) and signs out every other session. */
    void changePassword(Principal principal, ChangePassword command);

    /** Starts two-factor enrollment (unconfirmed until {@link #confirmTwoFactor}); replaces an unconfirmed one. */
    TwoFactorEnrollment enrollTwoFactor(Principal principal, EnrollTwoFactor command);

    /** Confirms enrollment with a first code; answers the 10 backup codes, once. */
    BackupCodes confirmTwoFactor(Principal principal, ConfirmTwoFactor command);

    void disableTwoFactor(Principal principal, SecondFactor command);

    BackupCodes regenerateBackupCodes(Principal principal, SecondFactor command);

    /**
     * Checks a second factor for a sensitive change by this principal: passes when the code is right (and spends
     * it). Refuses with {@link dev.bulwark.ports.errors.Forbidden} when the user has no confirmed two-factor, or
     * it is an API key; {@link dev.bulwark.ports.errors.Unauthorized} when the code is missing or wrong.
     */
    void requireSecondFactor(Principal principal, @Nullable String secondFactor);

    /**
     * A one-time setup token when the instance has no user yet (empty otherwise): the host prints it as a link at
     * start so the first person can register. Valid for 24 hours.
     */
    Optional<String> setupToken();
}
