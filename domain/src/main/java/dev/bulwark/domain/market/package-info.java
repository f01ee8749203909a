/** Instruments (base/quote on a market) and the trading rules a venue sets for them, with the one function that fits an order to those rules. */
@NullMarked
package dev.bulwark.domain.market;

import org.jspecify.annotations.NullMarked;
