/** Use case: is the engine alive, and which version is it. */
@NullMarked
package dev.bulwark.ports.driving.health;

import org.jspecify.annotations.NullMarked;
