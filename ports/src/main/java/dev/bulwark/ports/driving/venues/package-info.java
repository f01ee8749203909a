/**
 * Use cases of venue accounts: connect an exchange, broker or paper account to a workspace with its credentials
 * (sealed by the vault, validated through the venue's adapter on save), list, label, activate, switch paper/live,
 * delete, and read every use of a credential from the audit log.
 */
@NullMarked
package dev.bulwark.ports.driving.venues;

import org.jspecify.annotations.NullMarked;
