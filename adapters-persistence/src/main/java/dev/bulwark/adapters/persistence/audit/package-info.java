/** The audit log in SQL: append-only rows, read newest first per workspace. */
@NullMarked
package dev.bulwark.adapters.persistence.audit;

import org.jspecify.annotations.NullMarked;
