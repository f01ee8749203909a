/** The signal store in SQL, with its race-free idempotency keys. */
@NullMarked
package dev.bulwark.adapters.persistence.signals;

import org.jspecify.annotations.NullMarked;
