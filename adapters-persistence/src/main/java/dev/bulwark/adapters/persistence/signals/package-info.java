/**
 * The signal stores in SQL: signals with their race-free idempotency keys, the group-committing intake that stores a
 * signal and its job before the webhook answers, each signal's journey, and the webhook log with its shared rate
 * counters.
 */
@NullMarked
package dev.bulwark.adapters.persistence.signals;

import org.jspecify.annotations.NullMarked;
