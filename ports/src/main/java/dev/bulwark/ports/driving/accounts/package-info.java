/**
 * Use cases of people and their access: register, sign in (with TOTP two-factor), sessions, workspaces with their
 * members and invitations, and API keys. Every call but registration and sign-in takes the acting
 * {@link dev.bulwark.ports.driving.accounts.Principal}, which a host obtains from {@link ManageAccounts#authenticate}.
 */
@NullMarked
package dev.bulwark.ports.driving.accounts;

import org.jspecify.annotations.NullMarked;
