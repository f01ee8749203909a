/**
 * Venues, as the application needs them: the store of a workspace's venue accounts ({@link VenueAccounts}), and the
 * venue SPI an exchange adapter implements ({@link VenueProvider}, found with {@link java.util.ServiceLoader}, and
 * the {@link VenueGateway} it connects per account).
 */
@NullMarked
package dev.bulwark.ports.driven.venues;

import org.jspecify.annotations.NullMarked;
