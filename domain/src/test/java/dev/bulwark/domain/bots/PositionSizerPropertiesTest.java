package dev.bulwark.domain.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link PositionSizer} over sizings, equities, prices, stops and venue rules of every scale, so the
 * sizing, the risk cap and each of the venue's refusals all decide some cases.
 */
class PositionSizerPropertiesTest {
    private static final int EXAMPLES = 10_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    record Case(PositionSizer sizer, OrderSide side, BigDecimal equity, BigDecimal price, @Nullable BigDecimal stop,
            TradingRules rules) {
    }

    /** {@code m × 10^-scale}, m in [1, 9999], scale in [-4, 8]: from 0.00000001 to about 10^8. */
    static Gen<BigDecimal> magnitudes() {
        return longs().between(1, 9_999).zip(integers().between(-4, 8),
                (m, scale) -> BigDecimal.valueOf(m, scale).setScale(Math.max(scale, 0)));
    }

    static Gen<PositionSizing> sizings() {
        Gen<BigDecimal> percent = integers().between(1, 10_000).map(p -> BigDecimal.valueOf(p, 2));
        return integers().between(0, 2).zip(magnitudes(), percent, (kind, amount, p) -> switch (kind) {
            case 0 -> new PositionSizing.FixedQuote(amount);
            case 1 -> new PositionSizing.PercentOfEquity(p);
            default -> new PositionSizing.FixedUnits(amount);
        });
    }

    static Gen<TradingRules> rules() {
        Gen<BigDecimal> tick = longs().between(1, 25).zip(integers().between(0, 8), BigDecimal::valueOf);
        Gen<BigDecimal> step = longs().between(1, 25).zip(integers().between(0, 8), BigDecimal::valueOf);
        Gen<Optional<BigDecimal>> maxAboveMin = magnitudes().toOptionals(30);
        Gen<BigDecimal> minNotional = longs().between(0, 99).zip(integers().between(0, 2), BigDecimal::valueOf);
        Gen<BigDecimal> minQuantity = magnitudes().toOptionals(30).map(o -> o.orElse(BigDecimal.ZERO));
        return tick.zip(step, minQuantity, maxAboveMin, minNotional, (t, s, mn, above, notional) ->
                new TradingRules(t, s, mn, above.map(mn::add).orElse(null), notional));
    }

    static Gen<Case> cases() {
        Gen<Optional<BigDecimal>> stopPercent = integers().between(1, 9_999).map(p -> BigDecimal.valueOf(p, 2)).toOptionals(50);
        Gen<BigDecimal> risk = integers().between(1, 100).map(r -> BigDecimal.valueOf(r, 2));
        Gen<PositionSizer> sizers = sizings().zip(stopPercent, risk, (s, p, r) -> new PositionSizer(s, p.orElse(null), r));
        Gen<BigDecimal> equity = magnitudes().zip(integers().between(0, 9), (e, sign) -> sign == 0 ? e.negate() : e);
        // an explicit stop a share of the price away, on either side (the wrong side must be refused)
        Gen<Optional<Integer>> stopShare = integers().between(-99, 99).toOptionals(60);
        Gen<Case> withoutRules = sizers.zip(arbitrary().enumValues(OrderSide.class), equity, magnitudes(),
                (s, side, e, p) -> new Case(s, side, e, p, null, UNUSED_RULES));
        return withoutRules.zip(stopShare, rules(), (c, share, r) -> new Case(c.sizer(), c.side(), c.equity(), c.price(),
                share.filter(x -> x != 0).map(x -> c.price().multiply(BigDecimal.valueOf(100 + x)).movePointLeft(2))
                        .orElse(null), r));
    }

    private static final TradingRules UNUSED_RULES =
            TradingRules.unbounded(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);

    static SizingResult size(Case c) {
        return c.sizer().size(c.side(), c.equity(), c.price(), c.stop(), c.rules());
    }

    /** The distance to the stop that caps the order, if any: the explicit stop's, else the bot's percentage. */
    static @Nullable BigDecimal distance(Case c) {
        if (c.stop() != null) {
            return c.price().subtract(c.stop()).abs();
        }
        BigDecimal percent = c.sizer().stopLossPercent();
        return percent == null ? null : c.price().multiply(percent).movePointLeft(2);
    }

    /** The most the sizing alone allows, exactly (no rounding). */
    static BigDecimal allowedBySizing(Case c) {
        return switch (c.sizer().sizing()) {
            case PositionSizing.FixedQuote(BigDecimal amount) -> amount;
            case PositionSizing.PercentOfEquity(BigDecimal percent) -> c.equity().multiply(percent).divide(HUNDRED);
            case PositionSizing.FixedUnits(BigDecimal units) -> units;
        };
    }

    /** What the sizing spends for {@code quantity}, in the same terms as {@link #allowedBySizing}. */
    static BigDecimal spentBySizing(Case c, BigDecimal quantity) {
        return c.sizer().sizing() instanceof PositionSizing.FixedUnits ? quantity : quantity.multiply(c.price());
    }

    @Test
    void sizedQuantityNeverExceedsWhatTheSizingAllows() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (size(c) instanceof SizingResult.Sized(BigDecimal quantity, String explanation)) {
                assertThat(spentBySizing(c, quantity)).as(explanation).isLessThanOrEqualTo(allowedBySizing(c));
                BigDecimal distance = distance(c);
                if (distance != null) {
                    assertThat(quantity.multiply(distance)).as(explanation)
                            .isLessThanOrEqualTo(c.sizer().maxRiskPerTrade().multiply(c.equity()));
                }
            }
        });
    }

    @Test
    void sizedQuantityIsAlwaysOnTheVenueStep() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (size(c) instanceof SizingResult.Sized(BigDecimal quantity, String explanation)) {
                TradingRules rules = c.rules();
                assertThat(rules.isOnStep(quantity)).as(explanation).isTrue();
                assertThat(quantity).isPositive().isGreaterThanOrEqualTo(rules.minQuantity());
                if (rules.maxQuantity() != null) {
                    assertThat(quantity).isLessThanOrEqualTo(rules.maxQuantity());
                }
            }
        });
    }

    /** Rounding only ever takes less than one lot step off what the sizing and the cap allow together. */
    @Test
    void sizedQuantityIsTheLargestOnTheStepWithinBothLimits() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (size(c) instanceof SizingResult.Sized(BigDecimal quantity, String explanation)) {
                BigDecimal more = quantity.add(c.rules().lotStep());
                BigDecimal distance = distance(c);
                boolean sizingForbids = spentBySizing(c, more).compareTo(allowedBySizing(c)) > 0;
                boolean capForbids = distance != null
                        && more.multiply(distance).compareTo(c.sizer().maxRiskPerTrade().multiply(c.equity())) > 0;
                assertThat(sizingForbids || capForbids).as(explanation).isTrue();
            }
        });
    }

    @Test
    void aStopOnTheWrongSideIsNeverSized() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            if (c.stop() != null) {
                int side = c.stop().compareTo(c.price());
                boolean wrong = c.side() == OrderSide.BUY ? side >= 0 : side <= 0;
                if (wrong) {
                    assertThat(size(c)).isInstanceOf(SizingResult.Unsizable.class);
                }
            }
        });
    }

    @Test
    void sizingIsDeterministic() {
        qt().withExamples(1_000).forAll(cases()).checkAssert(c -> assertThat(size(c)).isEqualTo(size(c)));
    }
}
