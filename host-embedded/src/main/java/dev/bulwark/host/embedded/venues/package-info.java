/** The venues the engine knows (integrators' providers found by ServiceLoader, and the paper venue), and portfolio sync. */
@NullMarked
package dev.bulwark.host.embedded.venues;

import org.jspecify.annotations.NullMarked;
