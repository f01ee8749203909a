/** Alerts: conditions on prices, portfolio value and daily loss that notify their owner once when met. */
@NullMarked
package dev.bulwark.domain.alerts;

import org.jspecify.annotations.NullMarked;
