/** The store of holdings snapshots: what each venue account held when it was last synchronised, and before. */
@NullMarked
package dev.bulwark.ports.driven.portfolio;

import org.jspecify.annotations.NullMarked;
