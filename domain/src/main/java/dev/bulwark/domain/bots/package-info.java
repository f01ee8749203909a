/** Bots: webhook-driven traders, with their sizing, risk limits, status and sealed webhook secret. */
@NullMarked
package dev.bulwark.domain.bots;

import org.jspecify.annotations.NullMarked;
