package dev.bulwark.domain.market;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one venue accepts for one instrument: prices on a {@code tickSize}, quantities on a {@code lotStep} between
 * {@code minQuantity} and {@code maxQuantity}, and a notional (quantity × price) of at least {@code minNotional}.
 * {@link #fit} is the one place an order is fitted to them.
 *
 * <p>{@code maxQuantity} is {@code null} when the venue sets no upper bound: null rather than a large default, so a
 * made-up limit can never appear in a refusal or be mistaken for the venue's. {@code minQuantity} need not be on the
 * lot step (some venues publish it that way); a fitted quantity is checked against it after rounding.
 */
public record TradingRules(
        BigDecimal tickSize,
        BigDecimal lotStep,
        BigDecimal minQuantity,
        @Nullable BigDecimal maxQuantity,
        BigDecimal minNotional) {

    public TradingRules {
        tickSize = Decimals.requirePositive(tickSize, "tickSize");
        lotStep = Decimals.requirePositive(lotStep, "lotStep");
        minQuantity = Decimals.requireNonNegative(minQuantity, "minQuantity");
        if (maxQuantity != null) {
            maxQuantity = Decimals.requirePositive(maxQuantity, "maxQuantity");
            if (maxQuantity.compareTo(minQuantity) <= 0) {
                throw new IllegalArgumentException("maxQuantity must be above minQuantity, was "
                        + maxQuantity.toPlainString() + " <= " + minQuantity.toPlainString());
            }
        }
        minNotional = Decimals.requireNonNegative(minNotional, "minNotional");
    }

    /** Rules with no upper bound on quantity. */
    public static TradingRules unbounded(BigDecimal tickSize, BigDecimal lotStep, BigDecimal minQuantity, BigDecimal minNotional) {
        return new TradingRules(tickSize, lotStep, minQuantity, null, minNotional);
    }

    /**
     * Fits a wanted order to these rules, or says why it cannot be placed.
     *
     * <p>The quantity is rounded down to the lot step, so the order is never larger than wanted. A sell with a
     * {@code heldQuantity} is first capped at what is held, so it never sells more than is there (a buy ignores
     * it). The price is rounded to the tick in the trader's favour: a buy's down (never pays more), a sell's up
     * (never sells cheaper). For a market order pass the reference price the notional should be judged at.
     *
     * <p>A quantity above {@code maxQuantity} is refused rather than capped: the wanted quantity came from sizing
     * and risk decisions, and silently sending less would leave the caller believing in an exposure it does not
     * have. Capping a sell to the holding is different: selling what is there is the intent of an oversized sell.
     *
     * @throws IllegalArgumentException when the wanted quantity or price is not positive or the held quantity is
     *     negative: those are caller bugs, not venue rules
     */
    public Fit fit(OrderSide side, BigDecimal wantedQuantity, BigDecimal price, @Nullable BigDecimal heldQuantity) {
        Objects.requireNonNull(side, "side");
        BigDecimal wanted = Decimals.requirePositive(wantedQuantity, "wantedQuantity");
        BigDecimal wantedPrice = Decimals.requirePositive(price, "price");
        BigDecimal held = heldQuantity == null ? null : Decimals.requireNonNegative(heldQuantity, "heldQuantity");

        BigDecimal fittedPrice = roundToTickUnchecked(wantedPrice, side == OrderSide.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
        if (fittedPrice.signum() == 0) {
            return new Fit.Unfittable(Fit.Reason.ZERO_PRICE_AFTER_ROUNDING, tickSize, wantedPrice);
        }

        BigDecimal capped = wanted;
        if (side == OrderSide.SELL && held != null) {
            if (held.compareTo(lotStep) < 0) {
                return new Fit.Unfittable(Fit.Reason.NOTHING_HELD, lotStep, held);
            }
            capped = wanted.min(held);
        }
        BigDecimal quantity = roundQuantityDown(capped);
        if (quantity.signum() == 0) {
            return new Fit.Unfittable(Fit.Reason.ZERO_QUANTITY_AFTER_ROUNDING, lotStep, capped);
        }
        if (quantity.compareTo(minQuantity) < 0) {
            return new Fit.Unfittable(Fit.Reason.BELOW_MIN_QUANTITY, minQuantity, quantity);
        }
        if (maxQuantity != null && quantity.compareTo(maxQuantity) > 0) {
            return new Fit.Unfittable(Fit.Reason.ABOVE_MAX_QUANTITY, maxQuantity, quantity);
        }
        BigDecimal notional = quantity.multiply(fittedPrice);
        if (notional.compareTo(minNotional) < 0) {
            return new Fit.Unfittable(Fit.Reason.BELOW_MIN_NOTIONAL, minNotional, notional);
        }
        return new Fit.Fitted(quantity, fittedPrice);
    }

    /**
     * A price alone rounded to the tick, for stop and trigger prices, whose safe direction depends on what the stop
     * protects, so the caller names the rounding mode.
     *
     * @throws IllegalArgumentException when the price is not positive or rounds to zero (no price on this venue)
     */
    public BigDecimal roundToTick(BigDecimal price, RoundingMode mode) {
        BigDecimal positive = Decimals.requirePositive(price, "price");
        BigDecimal rounded = roundToTickUnchecked(positive, Objects.requireNonNull(mode, "mode"));
        if (rounded.signum() == 0) {
            throw new IllegalArgumentException("price " + positive.toPlainString() + " rounds " + mode
                    + " to zero on tick " + tickSize.toPlainString());
        }
        return rounded;
    }

    /** The largest multiple of the lot step not above {@code quantity}; zero when it is below one step. */
    public BigDecimal roundQuantityDown(BigDecimal quantity) {
        Decimals.requireNonNegative(quantity, "quantity");
        return Decimals.normalize(quantity.divide(lotStep, 0, RoundingMode.FLOOR).multiply(lotStep));
    }

    public boolean isOnTick(BigDecimal price) {
        return price.remainder(tickSize).signum() == 0;
    }

    public boolean isOnStep(BigDecimal quantity) {
        return quantity.remainder(lotStep).signum() == 0;
    }

    private BigDecimal roundToTickUnchecked(BigDecimal price, RoundingMode mode) {
        return Decimals.normalize(price.divide(tickSize, 0, mode).multiply(tickSize));
    }
}
