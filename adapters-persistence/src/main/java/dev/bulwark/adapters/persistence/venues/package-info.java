/** The venue account store. */
@NullMarked
package dev.bulwark.adapters.persistence.venues;

import org.jspecify.annotations.NullMarked;
