package dev.bulwark.domain.bots;

import dev.bulwark.domain.market.Fit;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.risk.RiskProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a bot's {@link PositionSizing} into the quantity of an opening order that the venue accepts. Pure: the
 * same inputs always give the same result, and a refusal is a {@link SizingResult.Unsizable}, not an exception.
 * It sizes entries; an order that closes a position takes the position's quantity and is not sized.
 *
 * <p>All amounts are in the instrument's quote asset ({@code equity} converted by the caller). In order:
 * <ol>
 *   <li><b>Sizing.</b> {@code FixedQuote(a)}: {@code a / price}; {@code PercentOfEquity(p)}:
 *       {@code equity × p / 100 / price} (unsizable when equity is zero or less); {@code FixedUnits(u)}: {@code u}.
 *       Divisions round down at {@link Decimals#DIVISION_SCALE}, so the order never spends more than the sizing
 *       allows.</li>
 *   <li><b>Risk cap.</b> With a stop, the loss if it is hit must stay within the risk profile's
 *       {@code maxRiskPerTrade} share of equity: {@code quantity × distance ≤ maxRiskPerTrade × equity}, where
 *       {@code distance = |price − stop|}. The stop is the {@code stopPrice} passed in (where the stop will really
 *       be placed) or else, when the bot's risk has a {@code stopLossPercent}, {@code price × stopLossPercent / 100}
 *       away. A larger quantity is cut down to the cap (rounded down); a stop on the wrong side of the price (at or
 *       above it for a buy, at or below for a sell) protects nothing and makes the order unsizable, as does a
 *       stop with equity of zero or less. Without a stop nothing is capped here: the risk engine then counts the
 *       whole order value as at risk and judges it.</li>
 *   <li><b>Venue rules.</b> The quantity goes through {@link TradingRules#fit}: rounded down to the lot step and
 *       checked against the minimum and maximum quantity and the minimum notional at the price rounded to the tick
 *       (down for a buy, up for a sell). A refusal becomes the reason, with the rule's limit and the value that
 *       broke it. A quantity above the venue's maximum is refused, not cut, as {@code fit} does.</li>
 * </ol>
 *
 * @param sizing the bot's sizing
 * @param stopLossPercent the bot's stop-loss distance in percent, or null when it sets none
 * @param maxRiskPerTrade the risk profile's largest share of equity at risk per order, in (0, 1]
 */
public record PositionSizer(PositionSizing sizing, @Nullable BigDecimal stopLossPercent, BigDecimal maxRiskPerTrade) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PositionSizer {
        Objects.requireNonNull(sizing, "sizing");
        if (stopLossPercent != null) {
            stopLossPercent = Decimals.requirePositive(stopLossPercent, "stopLossPercent");
            if (stopLossPercent.compareTo(HUNDRED) >= 0) {
                throw new IllegalArgumentException("a stop loss is above 0 and below 100 percent, was " + stopLossPercent.toPlainString());
            }
        }
        maxRiskPerTrade = Decimals.requirePositive(maxRiskPerTrade, "maxRiskPerTrade");
        if (maxRiskPerTrade.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("maxRiskPerTrade is a share in (0, 1], was " + maxRiskPerTrade.toPlainString());
        }
    }

    /** The sizer of {@code bot} under the workspace's risk {@code profile}. */
    public static PositionSizer of(Bot bot, RiskProfile profile) {
        return new PositionSizer(bot.sizing(), bot.risk().stopLossPercent(), profile.maxRiskPerTrade());
    }

    /**
     * Sizes an opening order.
     *
     * @param side the order's side, which decides where a protective stop lies and how the price is rounded
     * @param equity the account's equity in the quote asset; may be zero or negative after losses
     * @param price the limit price, or the reference price of a market order; positive
     * @param stopPrice where the order's stop will be placed, or null to use the bot's stop-loss percent (if any)
     * @param rules the venue's trading rules for the instrument
     * @throws IllegalArgumentException when the price or the stop price is not positive: caller bugs, not refusals
     */
    public SizingResult size(OrderSide side, BigDecimal equity, BigDecimal price, @Nullable BigDecimal stopPrice,
            TradingRules rules) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(rules, "rules");
        BigDecimal capital = Decimals.normalize(Objects.requireNonNull(equity, "equity"));
        BigDecimal at = Decimals.requirePositive(price, "price");
        BigDecimal stop = stopPrice == null ? null : Decimals.requirePositive(stopPrice, "stopPrice");

        StringBuilder how = new StringBuilder();
        BigDecimal wanted;
        switch (sizing) {
            case PositionSizing.FixedQuote(BigDecimal amount) -> {
                wanted = down(amount, at);
                how.append(plain(amount)).append(" of the quote asset at ").append(plain(at)).append(" buys ")
                        .append(plain(wanted));
            }
            case PositionSizing.PercentOfEquity(BigDecimal percent) -> {
                if (capital.signum() <= 0) {
                    return new SizingResult.Unsizable("equity is " + plain(capital) + ", so no " + plain(percent)
                            + " % of it can be committed");
                }
                BigDecimal budget = Decimals.normalize(capital.multiply(percent).movePointLeft(2));
                wanted = down(budget, at);
                how.append(plain(percent)).append(" % of equity ").append(plain(capital)).append(" is ")
                        .append(plain(budget)).append(", at ").append(plain(at)).append(" ").append(plain(wanted));
            }
            case PositionSizing.FixedUnits(BigDecimal quantity) -> {
                wanted = quantity;
                how.append("a fixed ").append(plain(quantity)).append(" units");
            }
        }

        BigDecimal distance = null;
        String stopName = null;
        if (stop != null) {
            boolean protective = side == OrderSide.BUY ? stop.compareTo(at) < 0 : stop.compareTo(at) > 0;
            if (!protective) {
                return new SizingResult.Unsizable("the stop " + plain(stop) + " of a " + side + " at " + plain(at)
                        + " lies " + (side == OrderSide.BUY ? "at or above" : "at or below") + " the price and"
                        + " would limit no loss");
            }
            distance = Decimals.normalize(at.subtract(stop).abs());
            stopName = "the stop at " + plain(stop);
        } else if (stopLossPercent != null) {
            distance = Decimals.normalize(at.multiply(stopLossPercent).movePointLeft(2));
            stopName = "the bot's " + plain(stopLossPercent) + " % stop loss";
        }
        if (distance != null) {
            if (capital.signum() <= 0) {
                return new SizingResult.Unsizable("equity is " + plain(capital) + ", which leaves no risk budget for an"
                        + " order with a stop");
            }
            BigDecimal budget = Decimals.normalize(capital.multiply(maxRiskPerTrade));
            BigDecimal cap = down(budget, distance);
            if (wanted.compareTo(cap) > 0) {
                wanted = cap;
                how.append("; capped to ").append(plain(cap)).append(" so that a loss of ").append(plain(distance))
                        .append(" per unit to ").append(stopName).append(" stays within ")
                        .append(plain(maxRiskPerTrade)).append(" of equity (").append(plain(budget)).append(")");
            }
        }

        if (wanted.signum() == 0) {
            return new SizingResult.Unsizable(how + ", which is nothing");
        }
        return switch (rules.fit(side, wanted, at, null)) {
            case Fit.Fitted fitted -> new SizingResult.Sized(fitted.quantity(),
                    how + "; on the lot step " + plain(rules.lotStep()) + ": " + plain(fitted.quantity()));
            case Fit.Unfittable refusal -> new SizingResult.Unsizable(how + "; " + describe(refusal));
        };
    }

    private static String describe(Fit.Unfittable refusal) {
        String limit = plain(refusal.limit());
        String actual = plain(refusal.actual());
        return switch (refusal.reason()) {
            case ZERO_PRICE_AFTER_ROUNDING -> "the price " + actual + " is below the venue's tick " + limit;
            case NOTHING_HELD -> "only " + actual + " is held, less than the lot step " + limit;
            case ZERO_QUANTITY_AFTER_ROUNDING -> actual + " is less than the venue's lot step " + limit;
            case BELOW_MIN_QUANTITY -> "the quantity " + actual + " is below the venue's minimum " + limit;
            case ABOVE_MAX_QUANTITY -> "the quantity " + actual + " is above the venue's maximum " + limit;
            case BELOW_MIN_NOTIONAL -> "the order's value " + actual + " is below the venue's minimum notional " + limit;
        };
    }

    /** {@code dividend / divisor} rounded down, so a sized quantity never exceeds what its budget allows. */
    private static BigDecimal down(BigDecimal dividend, BigDecimal divisor) {
        return Decimals.normalize(dividend.divide(divisor, Decimals.DIVISION_SCALE, RoundingMode.DOWN));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
