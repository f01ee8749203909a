/**
 * Users, workspaces and signing in: who acts, the workspace every owned thing belongs to, members and their
 * roles, sessions, two-factor enrollment and the failed sign-ins that lock an account or address out.
 */
@NullMarked
package dev.bulwark.domain.accounts;

import org.jspecify.annotations.NullMarked;
