package dev.bulwark.domain.risk;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The account's state an order is judged against, all in USDT.
 *
 * @param equity portfolio equity now; zero or negative after heavy losses, and then no share of it can be taken
 * @param dayStartEquity equity at 00:00 UTC today, what the daily loss is measured against
 * @param dailyPnl realized plus unrealized profit since 00:00 UTC, negative for a loss
 * @param openPositions positions open now across instruments, including the one in this instrument if any
 * @param positionQuantity the signed quantity held in the order's instrument now (negative when short)
 */
public record Exposure(BigDecimal equity, BigDecimal dayStartEquity, BigDecimal dailyPnl, int openPositions,
        BigDecimal positionQuantity) {

    public Exposure {
        equity = Decimals.normalize(Objects.requireNonNull(equity, "equity"));
        dayStartEquity = Decimals.normalize(Objects.requireNonNull(dayStartEquity, "dayStartEquity"));
        dailyPnl = Decimals.normalize(Objects.requireNonNull(dailyPnl, "dailyPnl"));
        positionQuantity = Decimals.normalize(Objects.requireNonNull(positionQuantity, "positionQuantity"));
        if (openPositions < 0) {
            throw new IllegalArgumentException("openPositions cannot be negative, was " + openPositions);
        }
        if (positionQuantity.signum() != 0 && openPositions == 0) {
            throw new IllegalArgumentException("a position of " + positionQuantity.toPlainString()
                    + " is open, so openPositions is at least 1");
        }
    }

    /** A flat account with {@code equity} since the start of the day: no P&L, no positions. */
    public static Exposure flat(BigDecimal equity) {
        return new Exposure(equity, equity, BigDecimal.ZERO, 0, BigDecimal.ZERO);
    }
}
