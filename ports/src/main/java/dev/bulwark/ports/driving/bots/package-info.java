/** Use cases of bots: configure them, switch them on and off, rotate their webhook secret, read what they did. */
@NullMarked
package dev.bulwark.ports.driving.bots;

import org.jspecify.annotations.NullMarked;
