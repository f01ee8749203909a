/** Following a workspace's live events, and resuming after a reconnect. */
@NullMarked
package dev.bulwark.ports.driving.events;

import org.jspecify.annotations.NullMarked;
