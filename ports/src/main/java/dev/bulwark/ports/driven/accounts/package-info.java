/**
 * The account stores: users, workspace memberships, sessions, two-factor enrollments with their backup codes, and
 * the failed sign-ins that drive lockout. Storage only; hashing, codes and policy are the application's.
 */
@NullMarked
package dev.bulwark.ports.driven.accounts;

import org.jspecify.annotations.NullMarked;
