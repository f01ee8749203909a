package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A strategy's decision: at {@code at}, {@code action} in {@code instrument}. It is an intent, not an order: the
 * runner sizes it (a null {@code quantity} is the runner's to choose, for instance with the bot's sizing), checks
 * its risk and fills it.
 *
 * <p>The constructor refuses what cannot be meant: a quantity, stop loss or take profit that is not positive;
 * protection on a {@link SignalAction#CLOSE}, which leaves nothing to protect; and a stop loss and take profit on
 * the same side of each other as they cannot both be (below and above for a buy, above and below for a sell).
 *
 * @param quantity base units, positive; null: sized by the runner (for a CLOSE: the whole position)
 */
public record TradeSignal(
        Instant at,
        SignalAction action,
        Instrument instrument,
        @Nullable BigDecimal quantity,
        @Nullable BigDecimal stopLoss,
        @Nullable BigDecimal takeProfit) {

    public TradeSignal {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(instrument, "instrument");
        if (quantity != null) {
            quantity = Decimals.requirePositive(quantity, "quantity");
        }
        if (stopLoss != null) {
            stopLoss = Decimals.requirePositive(stopLoss, "stopLoss");
        }
        if (takeProfit != null) {
            takeProfit = Decimals.requirePositive(takeProfit, "takeProfit");
        }
        if (action == SignalAction.CLOSE && (stopLoss != null || takeProfit != null)) {
            throw new IllegalArgumentException("a CLOSE leaves no position to protect: no stop loss or take profit");
        }
        if (stopLoss != null && takeProfit != null) {
            boolean ordered = action == SignalAction.BUY
                    ? stopLoss.compareTo(takeProfit) < 0
                    : stopLoss.compareTo(takeProfit) > 0;
            if (!ordered) {
                throw new IllegalArgumentException("a " + action + "'s stop loss lies " + (action == SignalAction.BUY
                        ? "below" : "above") + " its take profit, was " + stopLoss.toPlainString() + " and "
                        + takeProfit.toPlainString());
            }
        }
    }

    /** A signal without a quantity or protection: the runner sizes it. */
    public static TradeSignal of(Instant at, SignalAction action, Instrument instrument) {
        return new TradeSignal(at, action, instrument, null, null, null);
    }
}
