/** What the application needs from the machine: the time and fresh ids, so tests can fix both. */
@NullMarked
package dev.bulwark.ports.driven.system;

import org.jspecify.annotations.NullMarked;
