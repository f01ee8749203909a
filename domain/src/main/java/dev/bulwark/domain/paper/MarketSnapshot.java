package dev.bulwark.domain.paper;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The market an order arrives in: the current {@code price}, and when known the range it traded in ({@code low},
 * {@code high}, both or neither) and the {@code volume} (base asset) available to fill against. An order that fills
 * on arrival fills at {@code price} (with slippage, within the range) and, when the profile caps fills by volume,
 * for at most its share of {@code volume}; an unknown volume does not cap.
 */
public record MarketSnapshot(BigDecimal price, @Nullable BigDecimal low, @Nullable BigDecimal high, @Nullable BigDecimal volume) {

    public MarketSnapshot {
        price = Decimals.requirePositive(price, "price");
        if ((low == null) != (high == null)) {
            throw new IllegalArgumentException("a range has both a low and a high, or neither");
        }
        if (low != null && high != null) {
            low = Decimals.requirePositive(low, "low");
            high = Decimals.requirePositive(high, "high");
            if (low.compareTo(price) > 0 || high.compareTo(price) < 0) {
                throw new IllegalArgumentException("the price " + price.toPlainString() + " is outside its range "
                        + low.toPlainString() + " to " + high.toPlainString());
            }
        }
        if (volume != null) {
            volume = Decimals.requireNonNegative(volume, "volume");
        }
    }

    /** Just a price: no range, no volume cap. */
    public static MarketSnapshot at(BigDecimal price) {
        return new MarketSnapshot(price, null, null, null);
    }

    public static MarketSnapshot at(String price) {
        return at(new BigDecimal(price));
    }

    /** The market as the last closed candle left it: its close, its range and its volume. */
    public static MarketSnapshot of(Candle candle) {
        return new MarketSnapshot(candle.close(), candle.low(), candle.high(), candle.volume());
    }

    /** {@code high − low}, or zero when the range is unknown. */
    public BigDecimal range() {
        return low == null || high == null ? BigDecimal.ZERO : Decimals.normalize(high.subtract(low));
    }
}
