/** The event log: live events kept in order for a while, so live views can follow and resume. */
@NullMarked
package dev.bulwark.ports.driven.events;

import org.jspecify.annotations.NullMarked;
