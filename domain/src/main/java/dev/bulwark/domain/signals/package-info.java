/** Signals: every webhook a bot receives, as received, with where its processing stands. */
@NullMarked
package dev.bulwark.domain.signals;

import org.jspecify.annotations.NullMarked;
