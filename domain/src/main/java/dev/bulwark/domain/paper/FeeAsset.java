package dev.bulwark.domain.paper;

/**
 * Which asset a spot buy's fee is charged in. A sell always pays in the quote asset it receives, and a futures fill
 * always in the margin (quote) asset, so only the spot buy needs a convention.
 */
public enum FeeAsset {
    /**
     * The fee is taken from the quote balance on top of the notional: buying 1 BTC at 40000 with 10 bps costs
     * 40040 USDT and credits exactly 1 BTC. Positions then match holdings, which is why it is the default.
     */
    QUOTE,
    /**
     * The fee is taken from the asset received, as Binance does by default: buying 1 BTC at 40000 with 10 bps costs
     * 40000 USDT and credits 0.999 BTC. The position (built from gross fills) then holds more than the balance.
     */
    RECEIVED
}
