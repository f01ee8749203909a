/**
 * The account stores in SQL: users, memberships, sessions, two-factor enrollments and backup codes, failed sign-ins,
 * API keys, invitations and the setup tokens of a fresh instance.
 */
@NullMarked
package dev.bulwark.adapters.persistence.accounts;

import org.jspecify.annotations.NullMarked;
