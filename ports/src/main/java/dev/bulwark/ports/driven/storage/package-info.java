/** Units of work and the workspace store: what lets a use case write several stores atomically. */
@NullMarked
package dev.bulwark.ports.driven.storage;

import org.jspecify.annotations.NullMarked;
