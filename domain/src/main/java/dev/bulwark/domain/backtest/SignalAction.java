package dev.bulwark.domain.backtest;

/** What a strategy's signal asks for. */
public enum SignalAction {
    /** Buy: open or add to a long, or reduce a short. */
    BUY,
    /** Sell: reduce or close a long, or (where the market allows shorts) open or add to a short. */
    SELL,
    /** Close the position in the instrument, whichever side it is on. */
    CLOSE
}
