/** The store of venue accounts' risk profiles. */
@NullMarked
package dev.bulwark.adapters.persistence.risk;

import org.jspecify.annotations.NullMarked;
