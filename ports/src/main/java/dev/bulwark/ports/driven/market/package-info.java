/** The store of market data: candles by source, instrument and interval, shared by every workspace. */
@NullMarked
package dev.bulwark.ports.driven.market;

import org.jspecify.annotations.NullMarked;
