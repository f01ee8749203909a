/** The live event log in SQL: one order for every process, taken from a counter row in the appending transaction. */
@NullMarked
package dev.bulwark.adapters.persistence.events;

import org.jspecify.annotations.NullMarked;
