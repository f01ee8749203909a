/** The Vert.x server: entry point and settings. It reuses the embedded runtime and adds only the HTTP side. */
@NullMarked
package dev.bulwark.host.vertx;

import org.jspecify.annotations.NullMarked;
