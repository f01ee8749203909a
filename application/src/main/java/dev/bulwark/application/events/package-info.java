/** Live events: a workspace's events read back in order, for clients that follow them and resume where they were. */
@NullMarked
package dev.bulwark.application.events;

import org.jspecify.annotations.NullMarked;
