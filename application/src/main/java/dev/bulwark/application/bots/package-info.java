/**
 * Bots: configuring them within the workspace's plan, switching them on and off, their webhook secrets (generated
 * here, sealed by the vault, shown once, rotated with a grace period), and reading what they did: signals, receipts,
 * dead letters and a summary of results.
 */
@NullMarked
package dev.bulwark.application.bots;

import org.jspecify.annotations.NullMarked;
