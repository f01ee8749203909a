/**
 * Accounts and security: registration, sign-in with lockout and TOTP two-factor, sessions, team workspaces with
 * their members and invitations, and API keys. The policy numbers (password length, session lifetimes, lockout
 * window) live in {@code AccountPolicy}; hashing, storage and randomness are driven ports.
 */
@NullMarked
package dev.bulwark.application.accounts;

import org.jspecify.annotations.NullMarked;
