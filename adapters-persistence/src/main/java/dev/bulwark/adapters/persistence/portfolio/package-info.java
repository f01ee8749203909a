/** The holdings snapshot store. */
@NullMarked
package dev.bulwark.adapters.persistence.portfolio;

import org.jspecify.annotations.NullMarked;
