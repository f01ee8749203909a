/** The candle store, and the column conventions the trading stores share (exact NUMERIC(38,18), UTC microseconds, instruments). */
@NullMarked
package dev.bulwark.adapters.persistence.market;

import org.jspecify.annotations.NullMarked;
