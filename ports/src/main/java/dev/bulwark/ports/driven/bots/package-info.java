/** The bot store: configuration with optimistic versions, status, sealed webhook secrets and their rotation. */
@NullMarked
package dev.bulwark.ports.driven.bots;

import org.jspecify.annotations.NullMarked;
