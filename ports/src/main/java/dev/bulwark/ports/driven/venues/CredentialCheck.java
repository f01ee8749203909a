package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.Permission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link VenueGateway#checkCredentials()} found: whether the venue accepts the key, and what the key may do.
 * A key the venue refuses is an answer ({@code valid} false, with the {@code problem}), not a failure; a venue that
 * cannot be reached is {@link dev.bulwark.ports.errors.VenueUnavailable}.
 *
 * <p>A valid key has at least one permission (a key that works can at least read). {@link Permission#WITHDRAW} is
 * reported whenever the venue says the key has it, so the application can refuse such a key; with a gateway
 * without {@link VenueCapability#PERMISSIONS} the permissions name only what the check proved.
 *
 * @param problem why the key was refused, for the user (never quoting the key): present exactly when not valid,
 *     1 to 1000 characters
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CredentialCheck(boolean valid, Set<Permission> permissions, @Nullable String problem) {
    public static final int MAX_PROBLEM = 1_000;

    public CredentialCheck {
        Objects.requireNonNull(permissions, "permissions");
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (Permission permission : permissions) {
            set.add(Objects.requireNonNull(permission, "permissions cannot hold null"));
        }
        permissions = Collections.unmodifiableSet(set);
        if (valid) {
            if (permissions.isEmpty()) {
                throw new IllegalArgumentException("a valid key has at least one permission");
            }
            if (problem != null) {
                throw new IllegalArgumentException("a valid key has no problem");
            }
        } else {
            if (!permissions.isEmpty()) {
                throw new IllegalArgumentException("a refused key has no permissions");
            }
            if (problem == null || problem.isBlank() || problem.length() > MAX_PROBLEM) {
                throw new IllegalArgumentException("a refused key comes with its problem, 1 to " + MAX_PROBLEM + " characters");
            }
        }
    }

    /** The venue accepts the key, which may do {@code permissions}. */
    public static CredentialCheck valid(Set<Permission> permissions) {
        return new CredentialCheck(true, permissions, null);
    }

    /** The venue refuses the key (wrong, expired, deleted, IP not allowed), for {@code problem}. */
    public static CredentialCheck invalid(String problem) {
        return new CredentialCheck(false, Set.of(), problem);
    }

    public boolean canTrade() {
        return permissions.contains(Permission.TRADE);
    }

    /** Whether the key can move funds off the venue: such a key is to be refused. */
    public boolean canWithdraw() {
        return permissions.contains(Permission.WITHDRAW);
    }
}
