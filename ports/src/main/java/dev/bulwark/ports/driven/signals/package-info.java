/** The signal store: every webhook received, deduplicated by idempotency key within a window, race-free. */
@NullMarked
package dev.bulwark.ports.driven.signals;

import org.jspecify.annotations.NullMarked;
