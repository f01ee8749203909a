/** Use cases: sync each venue account's holdings, and view the whole portfolio valued in USD and EUR. */
@NullMarked
package dev.bulwark.ports.driving.portfolio;

import org.jspecify.annotations.NullMarked;
