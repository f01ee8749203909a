package dev.bulwark.domain.analytics;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A round trip, from entry to exit. {@code quantity} is the size traded (positive, long or short alike);
 * {@code pnl} is what the trade made in the run's valuation currency, negative for a loss, net of whatever the
 * caller chose to count (fees, funding): it is taken as given, not recomputed from the prices.
 */
public record ClosedTrade(
        Instrument instrument,
        Instant entryTime,
        BigDecimal entryPrice,
        Instant exitTime,
        BigDecimal exitPrice,
        BigDecimal quantity,
        BigDecimal pnl) {

    public ClosedTrade {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(entryTime, "entryTime");
        Objects.requireNonNull(exitTime, "exitTime");
        if (exitTime.isBefore(entryTime)) {
            throw new IllegalArgumentException("a trade exits no earlier than it enters, was " + entryTime + " to " + exitTime);
        }
        entryPrice = Decimals.requirePositive(entryPrice, "entryPrice");
        exitPrice = Decimals.requirePositive(exitPrice, "exitPrice");
        quantity = Decimals.requirePositive(quantity, "quantity");
        pnl = Decimals.normalize(Objects.requireNonNull(pnl, "pnl"));
    }

    /** Made money: a P&amp;L above zero. A trade at exactly zero is neither a win nor a loss. */
    public boolean isWin() {
        return pnl.signum() > 0;
    }

    /** Lost money: a P&amp;L below zero. */
    public boolean isLoss() {
        return pnl.signum() < 0;
    }
}
