/** The bot store in SQL. */
@NullMarked
package dev.bulwark.adapters.persistence.bots;

import org.jspecify.annotations.NullMarked;
