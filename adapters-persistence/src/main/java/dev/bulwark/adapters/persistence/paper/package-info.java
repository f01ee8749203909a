/** The paper venue's state store. */
@NullMarked
package dev.bulwark.adapters.persistence.paper;

import org.jspecify.annotations.NullMarked;
