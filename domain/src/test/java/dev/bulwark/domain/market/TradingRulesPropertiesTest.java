package dev.bulwark.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link TradingRules#fit} over rules and orders of every scale from satoshis to thousands of units,
 * so every refusal and the fitted path are all exercised.
 */
class TradingRulesPropertiesTest {
    private static final int EXAMPLES = 10_000;

    /** An order to fit against rules; {@code held} only matters for a sell. */
    record Case(TradingRules rules, OrderSide side, BigDecimal wanted, BigDecimal price, @Nullable BigDecimal held) {
    }

    /**
     * Spread evenly over magnitudes rather than values: {@code m × 10^-scale} for m in [1, 9999] and scale in
     * [-4, 8], from 0.00000001 to about 10^8, so tiny and huge quantities, prices and limits meet as often as
     * ordinary ones and every refusal is reached.
     */
    static Gen<BigDecimal> magnitudes() {
        return longs().between(1, 9_999).zip(integers().between(-4, 8),
                (m, scale) -> BigDecimal.valueOf(m, scale).setScale(Math.max(scale, 0)));
    }

    static Gen<BigDecimal> orZero(Gen<BigDecimal> gen) {
        return gen.toOptionals(15).map(o -> o.orElse(BigDecimal.ZERO));
    }

    static Gen<TradingRules> rules() {
        Gen<BigDecimal> tick = longs().between(1, 25).zip(integers().between(0, 8), BigDecimal::valueOf);
        Gen<BigDecimal> step = longs().between(1, 25).zip(integers().between(0, 8), BigDecimal::valueOf);
        Gen<Optional<BigDecimal>> maxAboveMin = magnitudes().toOptionals(30);
        Gen<BigDecimal> minNotional = orZero(longs().between(1, 99_999).zip(integers().between(0, 4), BigDecimal::valueOf));
        return tick.zip(step, orZero(magnitudes()), maxAboveMin, minNotional, (t, s, mn, above, notional) ->
                new TradingRules(t, s, mn, above.map(mn::add).orElse(null), notional));
    }

    static Gen<Case> cases() {
        Gen<Optional<BigDecimal>> held = orZero(magnitudes()).toOptionals(40);
        return rules().zip(arbitrary().enumValues(OrderSide.class), magnitudes(), magnitudes(), held,
                (r, side, w, p, h) -> new Case(r, side, w, p, h.orElse(null)));
    }

    static Fit fit(Case c) {
        return c.rules().fit(c.side(), c.wanted(), c.price(), c.held());
    }

    static boolean capsToHeld(Case c) {
        return c.side() == OrderSide.SELL && c.held() != null;
    }

    @Test
    void fittedQuantityIsAlwaysOnStepWithinBoundsAndNeverAboveWantedOrHeld() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (fit(c) instanceof Fit.Fitted(BigDecimal quantity, BigDecimal price)) {
                TradingRules rules = c.rules();
                assertThat(rules.isOnStep(quantity)).as("on step").isTrue();
                assertThat(quantity).isGreaterThanOrEqualTo(rules.minQuantity()).isLessThanOrEqualTo(c.wanted());
                if (rules.maxQuantity() != null) {
                    assertThat(quantity).isLessThanOrEqualTo(rules.maxQuantity());
                }
                if (capsToHeld(c)) {
                    assertThat(quantity).isLessThanOrEqualTo(c.held());
                }
                // And it takes all it may: one more step would exceed what was wanted or held.
                BigDecimal ceiling = capsToHeld(c) ? c.wanted().min(c.held()) : c.wanted();
                assertThat(quantity.add(rules.lotStep())).isGreaterThan(ceiling);
            }
        });
    }

    @Test
    void fittedPriceIsOnTickAndNeverWorseForTheTraderByLessThanATick() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (fit(c) instanceof Fit.Fitted(BigDecimal quantity, BigDecimal price)) {
                BigDecimal tick = c.rules().tickSize();
                assertThat(c.rules().isOnTick(price)).as("on tick").isTrue();
                if (c.side() == OrderSide.BUY) {
                    assertThat(price).isLessThanOrEqualTo(c.price()).isGreaterThan(c.price().subtract(tick));
                } else {
                    assertThat(price).isGreaterThanOrEqualTo(c.price()).isLessThan(c.price().add(tick));
                }
            }
        });
    }

    @Test
    void fittedNotionalIsNeverBelowTheMinimumNotional() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (fit(c) instanceof Fit.Fitted fitted) {
                assertThat(fitted.notional()).isGreaterThanOrEqualTo(c.rules().minNotional());
                assertThat(fitted.notional()).isEqualByComparingTo(fitted.quantity().multiply(fitted.price()));
            }
        });
    }

    /**
     * An oracle written differently (remainders instead of integer division) decides which rule, if any, the
     * order breaks, in the documented order of checks; fit must agree, and a refusal must name that rule with
     * its true limit and actual value.
     */
    @Test
    void everyRefusalNamesTheFirstRuleTheOrderBreaksWithItsTrueValues() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> assertThat(fit(c)).isEqualTo(oracle(c)));
    }

    private static Fit oracle(Case c) {
        TradingRules r = c.rules();
        BigDecimal tick = r.tickSize();
        BigDecimal step = r.lotStep();
        BigDecimal priceRest = c.price().remainder(tick);
        BigDecimal price = c.side() == OrderSide.BUY || priceRest.signum() == 0
                ? c.price().subtract(priceRest)
                : c.price().subtract(priceRest).add(tick);
        if (price.signum() == 0) {
            return new Fit.Unfittable(Fit.Reason.ZERO_PRICE_AFTER_ROUNDING, tick, c.price());
        }
        if (capsToHeld(c) && c.held().compareTo(step) < 0) {
            return new Fit.Unfittable(Fit.Reason.NOTHING_HELD, step, c.held());
        }
        BigDecimal capped = capsToHeld(c) ? c.wanted().min(c.held()) : c.wanted();
        BigDecimal quantity = capped.subtract(capped.remainder(step));
        if (quantity.signum() == 0) {
            return new Fit.Unfittable(Fit.Reason.ZERO_QUANTITY_AFTER_ROUNDING, step, capped);
        }
        if (quantity.compareTo(r.minQuantity()) < 0) {
            return new Fit.Unfittable(Fit.Reason.BELOW_MIN_QUANTITY, r.minQuantity(), quantity);
        }
        if (r.maxQuantity() != null && quantity.compareTo(r.maxQuantity()) > 0) {
            return new Fit.Unfittable(Fit.Reason.ABOVE_MAX_QUANTITY, r.maxQuantity(), quantity);
        }
        if (quantity.multiply(price).compareTo(r.minNotional()) < 0) {
            return new Fit.Unfittable(Fit.Reason.BELOW_MIN_NOTIONAL, r.minNotional(), quantity.multiply(price));
        }
        return new Fit.Fitted(quantity, price);
    }
}
