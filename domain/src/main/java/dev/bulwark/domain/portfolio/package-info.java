/** Holdings per venue account, aggregated by asset, valued in USD and EUR from a price table. */
@NullMarked
package dev.bulwark.domain.portfolio;

import org.jspecify.annotations.NullMarked;
