/** Test support for market data: a fake venue server on loopback and a clock moved by hand. */
@NullMarked
package dev.bulwark.adapters.exchange.marketdata.testing;

import org.jspecify.annotations.NullMarked;
