/** The alert store in SQL. */
@NullMarked
package dev.bulwark.adapters.persistence.alerts;

import org.jspecify.annotations.NullMarked;
