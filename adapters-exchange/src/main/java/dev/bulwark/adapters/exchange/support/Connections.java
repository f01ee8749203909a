package dev.bulwark.adapters.exchange.support;

import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.errors.Invalid;
import java.util.Objects;

/** The checks every provider makes before it connects an account, with the same refusals everywhere. */
public final class Connections {
    private Connections() {
    }

    /**
     * The connection's credentials, after checking that the account is of {@code descriptor}'s venue, the
     * environment is one it offers, and credentials (with a passphrase where the venue needs one) are given.
     *
     * @throws Invalid naming what is wrong, never echoing a secret
     */
    public static VenueCredentials require(VenueConnection connection, VenueDescriptor descriptor) {
        Objects.requireNonNull(connection, "connection");
        String name = descriptor.displayName();
        if (!connection.account().venue().equals(descriptor.id())) {
            throw new Invalid("the " + name + " provider connects " + descriptor.id() + " accounts, not "
                    + connection.account().venue());
        }
        if (!descriptor.environments().contains(connection.environment())) {
            throw new Invalid(name + " offers " + descriptor.environments() + ", not " + connection.environment());
        }
        VenueCredentials credentials = connection.credentials();
        if (credentials == null || descriptor.needsPassphrase() && credentials.passphrase() == null) {
            throw new Invalid("a " + name + " account needs an API key and its secret"
                    + (descriptor.needsPassphrase() ? " and passphrase" : ""));
        }
        return credentials;
    }
}
