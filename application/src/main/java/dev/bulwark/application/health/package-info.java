/** Liveness: the engine's status and version. */
@NullMarked
package dev.bulwark.application.health;

import org.jspecify.annotations.NullMarked;
