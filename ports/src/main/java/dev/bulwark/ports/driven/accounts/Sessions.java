package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Signed-in sessions, found by the hash of their token. Scoped by user: every call but the token lookup names
 * the user, and a session of another user is treated as absent (a revoke of it returns false and changes
 * nothing). "Active" means what {@link Session#isActiveAt} means: not revoked, before its absolute end, and
 * seen within the idle timeout. Thread-safe; each call joins the caller's transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Sessions {
    /**
     * Stores a new session and, in the same transaction, revokes the user's oldest active sessions (as of its
     * {@code createdAt}) so that at most {@code maxActive} remain with it, also when the user signs in from
     * several places at once. Returns the ids revoked to make room, oldest first.
     * {@link dev.bulwark.ports.errors.Conflict} when the id or the token hash exists,
     * {@link dev.bulwark.ports.errors.NotFound} when the user does not.
     *
     * @throws IllegalArgumentException when {@code maxActive} is below 1 or the session is already revoked
     */
    List<SessionId> create(Session session, int maxActive, Duration idleTimeout);

    /**
     * The session with this token hash unless it was revoked. Expiry is not checked here: the caller decides
     * with {@link Session#isActiveAt}, so it can tell an expired session from an unknown one.
     */
    Optional<Session> findByTokenHash(String tokenHash);

    /** The user's session with this id, revoked or not; empty when it is another user's. */
    Optional<Session> find(UserId user, SessionId id);

    /** Records activity: moves {@code lastSeenAt} forward to {@code at} (never back); false when revoked or not the user's. */
    boolean touch(UserId user, SessionId id, Instant at);

    /** Revokes one of the user's sessions; false when it is not the user's or was revoked already. */
    boolean revoke(UserId user, SessionId id, Instant at);

    /** Revokes every unrevoked session of the user (signing out everywhere); returns how many. */
    int revokeAll(UserId user, Instant at);

    /** Revokes every unrevoked session of the user but {@code keep} (after a password change); returns how many. */
    int revokeAllExcept(UserId user, SessionId keep, Instant at);

    /** The user's active sessions at {@code now}, oldest first. */
    List<Session> listActive(UserId user, Instant now, Duration idleTimeout);

    int countActive(UserId user, Instant now, Duration idleTimeout);

    /** Deletes sessions that ended (expired or revoked) before {@code cutoff}, of every user; returns how many. */
    int purgeEndedBefore(Instant cutoff);
}
