/** Positions opened, increased, reduced, closed and flipped by fills, with realized and unrealized P&L. */
@NullMarked
package dev.bulwark.domain.positions;

import org.jspecify.annotations.NullMarked;
