/** The workspace store. */
@NullMarked
package dev.bulwark.adapters.persistence.storage;

import org.jspecify.annotations.NullMarked;
