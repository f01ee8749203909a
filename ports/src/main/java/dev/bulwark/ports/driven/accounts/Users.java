package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Registered users. A user is scoped by its own id: each call names one user and touches no other. Emails are
 * unique whatever their case. Thread-safe; each call joins the caller's transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Users {
    /**
     * Stores a new user; its personal workspace must exist already. {@link dev.bulwark.ports.errors.Conflict} when
     * the email (in any case) or the id is taken, {@link dev.bulwark.ports.errors.NotFound} when the workspace is
     * missing.
     */
    void create(User user);

    Optional<User> find(UserId id);

    /** The user with this email, compared trimmed and lower case; empty for an unknown or malformed address. */
    Optional<User> findByEmail(String email);

    /**
     * Whether any user exists: until one does, registering needs the setup token printed at start. One cheap
     * existence query ({@code select exists(select 1 from users)}).
     */
    boolean any();

    /** Replaces the password hash and sets {@code updatedAt}; {@link dev.bulwark.ports.errors.NotFound} for an unknown user. */
    void updatePasswordHash(UserId id, PasswordHash hash, Instant at);
}
