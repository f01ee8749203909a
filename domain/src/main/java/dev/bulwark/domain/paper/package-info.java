/**
 * Paper matching: a simulated venue account that fills orders against candles or ticks the way an exchange would
 * (slippage, maker and taker fees, volume limits, reservations, rejections, isolated-margin futures with
 * liquidation), shared by the paper venue and the backtester. See {@link dev.bulwark.domain.paper.PaperAccount}.
 */
@NullMarked
package dev.bulwark.domain.paper;

import org.jspecify.annotations.NullMarked;
