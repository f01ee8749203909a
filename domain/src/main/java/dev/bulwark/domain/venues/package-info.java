/** Venue accounts as the domain sees them: which venue, paper or live. */
@NullMarked
package dev.bulwark.domain.venues;

import org.jspecify.annotations.NullMarked;
