package dev.bulwark.domain.market;

/** Buy or sell. */
public enum OrderSide {
    BUY,
    SELL;

    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for a buy, -1 for a sell: the sign a fill of this side gives a position's quantity. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
