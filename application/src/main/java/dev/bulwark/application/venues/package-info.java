/**
 * Venue accounts: connecting an exchange, broker or paper account with its credentials (validated through the
 * venue's adapter, sealed by the vault, never shown again), changing, deleting, and reading every use of a credential.
 */
@NullMarked
package dev.bulwark.application.venues;

import org.jspecify.annotations.NullMarked;
