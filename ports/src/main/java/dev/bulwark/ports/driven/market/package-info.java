/**
 * Market data, shared by every workspace: the store of candles ({@link dev.bulwark.ports.driven.market.Candles})
 * and the sources of prices, candles and FX rates ({@link dev.bulwark.ports.driven.market.MarketData}), whose
 * answers say where they come from, how old they are and whether they rest on an assumption.
 */
@NullMarked
package dev.bulwark.ports.driven.market;

import org.jspecify.annotations.NullMarked;
