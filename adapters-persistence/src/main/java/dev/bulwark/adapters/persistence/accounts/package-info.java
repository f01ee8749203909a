/** The account stores in SQL: users, memberships, sessions, two-factor enrollments and backup codes, failed sign-ins. */
@NullMarked
package dev.bulwark.adapters.persistence.accounts;

import org.jspecify.annotations.NullMarked;
