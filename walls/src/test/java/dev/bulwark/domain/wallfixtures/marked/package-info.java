/** A fixture package that follows the convention. */
@NullMarked
package dev.bulwark.domain.wallfixtures.marked;

import org.jspecify.annotations.NullMarked;
