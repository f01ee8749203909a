/**
 * A read-only bridge to any exchange the XChange library covers: one
 * {@link dev.bulwark.ports.driven.venues.VenueProvider} wraps one XChange {@code Exchange} class and reads balances
 * and last prices through XChange's generic account and market data services. It places nothing: coverage of a
 * venue for the portfolio, cheaply, where no first-class adapter exists. XChange types and exceptions stay in this
 * package.
 */
@NullMarked
package dev.bulwark.adapters.exchange.xchange;

import org.jspecify.annotations.NullMarked;
