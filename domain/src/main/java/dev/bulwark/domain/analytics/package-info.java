/** Performance analytics: returns, drawdowns and trade statistics from an equity curve and closed trades, in exact decimals. */
@NullMarked
package dev.bulwark.domain.analytics;

import org.jspecify.annotations.NullMarked;
