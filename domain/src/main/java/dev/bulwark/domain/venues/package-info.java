/** Venue accounts as the domain sees them: which venue, paper or live, what their API keys may do, how their last sync went. */
@NullMarked
package dev.bulwark.domain.venues;

import org.jspecify.annotations.NullMarked;
