package dev.bulwark.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.venues.Environment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The engine against a reference written out plainly, rule by rule, over generated profiles, intents and
 * exposures whose ranges straddle every limit (and sometimes sit exactly on one).
 */
class RiskEnginePropertiesTest {
    private static final int EXAMPLES = 5_000;
    private static final Set<RiskRule> SIZE_RULES =
            EnumSet.of(RiskRule.MIN_ORDER_SIZE, RiskRule.MAX_ORDER_SIZE, RiskRule.MAX_ORDER_VALUE);

    record Case(RiskProfile profile, OrderIntent intent, Exposure exposure) {
    }

    // --- the reference ---------------------------------------------------------------------------------------

    /** What the reference finds: the rules that apply and the broken ones with their actual values. */
    record Verdict(Set<RiskRule> applicable, Map<RiskRule, Optional<BigDecimal>> broken) {
    }

    static Verdict reference(Case c) {
        RiskProfile p = c.profile();
        OrderIntent o = c.intent();
        Exposure e = c.exposure();
        BigDecimal qty = o.quantity();
        BigDecimal before = e.positionQuantity();
        BigDecimal after = o.side() == OrderSide.BUY ? before.add(qty) : before.subtract(qty);
        boolean reducing = before.signum() != 0 && (after.signum() == 0
                || (after.signum() == before.signum() && after.abs().compareTo(before.abs()) <= 0));
        Map<RiskRule, Optional<BigDecimal>> broken = new EnumMap<>(RiskRule.class);

        BigDecimal orderValue = qty.multiply(o.price()).multiply(o.quoteRate());
        if (qty.compareTo(p.minOrderSize()) < 0) {
            broken.put(RiskRule.MIN_ORDER_SIZE, Optional.of(qty));
        }
        if (qty.compareTo(p.maxOrderSize()) > 0) {
            broken.put(RiskRule.MAX_ORDER_SIZE, Optional.of(qty));
        }
        if (orderValue.compareTo(p.maxOrderValue()) > 0) {
            broken.put(RiskRule.MAX_ORDER_VALUE, Optional.of(orderValue));
        }
        if (reducing) {
            return new Verdict(SIZE_RULES, broken);
        }

        String symbol = o.instrument().base().code() + "/" + o.instrument().quote().code();
        boolean listed = p.symbolWhitelist().isEmpty() ? o.environment() == Environment.PAPER
                : p.symbolWhitelist().contains(symbol);
        if (!listed) {
            broken.put(RiskRule.SYMBOL_WHITELIST, Optional.of(BigDecimal.ZERO));
        }
        BigDecimal positionValue = after.abs().multiply(o.price()).multiply(o.quoteRate());
        if (positionValue.compareTo(p.maxPositionValue()) > 0) {
            broken.put(RiskRule.MAX_POSITION_VALUE, Optional.of(positionValue));
        }
        if (e.equity().signum() <= 0) {
            broken.put(RiskRule.MAX_POSITION_SHARE, Optional.empty());
        } else if (Decimals.divide(positionValue, e.equity()).compareTo(p.maxPositionShare()) > 0) {
            broken.put(RiskRule.MAX_POSITION_SHARE, Optional.of(Decimals.divide(positionValue, e.equity())));
        }
        if (o.leverage().compareTo(p.maxLeverage()) > 0) {
            broken.put(RiskRule.MAX_LEVERAGE, Optional.of(o.leverage()));
        }
        BigDecimal atRisk;
        if (o.stopPrice() == null) {
            atRisk = orderValue;
        } else {
            BigDecimal distance = o.side() == OrderSide.BUY ? o.price().subtract(o.stopPrice())
                    : o.stopPrice().subtract(o.price());
            atRisk = distance.multiply(qty).multiply(o.quoteRate());
        }
        if (e.equity().signum() <= 0) {
            broken.put(RiskRule.MAX_RISK_PER_TRADE, Optional.empty());
        } else if (Decimals.divide(atRisk, e.equity()).compareTo(p.maxRiskPerTrade()) > 0) {
            broken.put(RiskRule.MAX_RISK_PER_TRADE, Optional.of(Decimals.divide(atRisk, e.equity())));
        }
        if (e.dailyPnl().signum() < 0) {
            BigDecimal loss = e.dailyPnl().negate();
            if (e.dayStartEquity().signum() <= 0) {
                broken.put(RiskRule.MAX_DAILY_LOSS, Optional.empty());
            } else if (Decimals.divide(loss, e.dayStartEquity()).compareTo(p.maxDailyLoss()) > 0) {
                broken.put(RiskRule.MAX_DAILY_LOSS, Optional.of(Decimals.divide(loss, e.dayStartEquity())));
            }
        }
        if (before.signum() == 0 && e.openPositions() + 1 > p.maxOpenPositions()) {
            broken.put(RiskRule.MAX_OPEN_POSITIONS, Optional.of(BigDecimal.valueOf(e.openPositions() + 1L)));
        }
        return new Verdict(EnumSet.allOf(RiskRule.class), broken);
    }

    static BigDecimal limitOf(RiskProfile p, RiskRule rule) {
        return switch (rule) {
            case SYMBOL_WHITELIST -> BigDecimal.ONE;
            case MIN_ORDER_SIZE -> p.minOrderSize();
            case MAX_ORDER_SIZE -> p.maxOrderSize();
            case MAX_ORDER_VALUE -> p.maxOrderValue();
            case MAX_POSITION_VALUE -> p.maxPositionValue();
            case MAX_POSITION_SHARE -> p.maxPositionShare();
            case MAX_LEVERAGE -> p.maxLeverage();
            case MAX_RISK_PER_TRADE -> p.maxRiskPerTrade();
            case MAX_DAILY_LOSS -> p.maxDailyLoss();
            case MAX_OPEN_POSITIONS -> BigDecimal.valueOf(p.maxOpenPositions());
        };
    }

    // --- properties ------------------------------------------------------------------------------------------

    @Test
    void noApprovedOrderBreaksAnyRule() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            RiskDecision decision = new RiskEngine(c.profile()).evaluate(c.intent(), c.exposure());
            if (decision instanceof RiskDecision.Approved approved) {
                Verdict verdict = reference(c);
                assertThat(verdict.broken()).isEmpty();
                assertThat(approved.checked()).containsExactlyElementsOf(verdict.applicable());
            }
        });
    }

    @Test
    void aRejectionNamesExactlyTheBrokenRules() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            RiskDecision decision = new RiskEngine(c.profile()).evaluate(c.intent(), c.exposure());
            Verdict verdict = reference(c);
            if (verdict.broken().isEmpty()) {
                assertThat(decision).isInstanceOf(RiskDecision.Approved.class);
                return;
            }
            assertThat(decision).isInstanceOf(RiskDecision.Rejected.class);
            List<Violation> violations = ((RiskDecision.Rejected) decision).violations();
            assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(verdict.broken().keySet());
            for (Violation violation : violations) {
                assertThat(violation.limit()).isEqualByComparingTo(limitOf(c.profile(), violation.rule()));
                Optional<BigDecimal> expected = verdict.broken().get(violation.rule());
                assertThat(violation.actual() == null).isEqualTo(expected.isEmpty());
                expected.ifPresent(actual -> assertThat(violation.actual()).isEqualByComparingTo(actual));
                if (violation.actual() != null) {
                    // Beyond the limit: below it for the two "at least" rules, above it for the others.
                    boolean atLeastRule = violation.rule() == RiskRule.MIN_ORDER_SIZE
                            || violation.rule() == RiskRule.SYMBOL_WHITELIST;
                    assertThat(violation.actual().compareTo(violation.limit())).isEqualTo(atLeastRule ? -1 : 1);
                }
                assertThat(violation.reason()).isNotBlank();
            }
        });
    }

    @Test
    void reducingOrdersAreOnlyCheckedForOrderSize() {
        qt().withExamples(EXAMPLES).forAll(reducingCases()).checkAssert(c -> {
            RiskDecision decision = new RiskEngine(c.profile()).evaluate(c.intent(), c.exposure());
            Set<RiskRule> sizeBreaks = EnumSet.noneOf(RiskRule.class);
            BigDecimal qty = c.intent().quantity();
            if (qty.compareTo(c.profile().minOrderSize()) < 0) {
                sizeBreaks.add(RiskRule.MIN_ORDER_SIZE);
            }
            if (qty.compareTo(c.profile().maxOrderSize()) > 0) {
                sizeBreaks.add(RiskRule.MAX_ORDER_SIZE);
            }
            if (c.intent().value().compareTo(c.profile().maxOrderValue()) > 0) {
                sizeBreaks.add(RiskRule.MAX_ORDER_VALUE);
            }
            switch (decision) {
                case RiskDecision.Approved approved -> {
                    assertThat(sizeBreaks).isEmpty();
                    assertThat(approved.checked()).containsExactlyElementsOf(SIZE_RULES);
                }
                case RiskDecision.Rejected rejected ->
                        assertThat(rejected.rules()).containsExactlyElementsOf(sizeBreaks);
            }
        });
    }

    /** Guards the generators: a property over cases that never break a rule (or always do) proves little. */
    @Test
    void generatedCasesFallOnBothSidesOfEveryRule() {
        Map<RiskRule, int[]> brokenAndKept = new EnumMap<>(RiskRule.class);
        for (RiskRule rule : RiskRule.values()) {
            brokenAndKept.put(rule, new int[2]);
        }
        int[] reducingAndApproved = new int[2];
        int[] examples = new int[1];
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            examples[0]++;
            Verdict verdict = reference(c);
            if (verdict.applicable().size() < RiskRule.values().length) {
                reducingAndApproved[0]++;
            }
            if (verdict.broken().isEmpty()) {
                reducingAndApproved[1]++;
            }
            for (RiskRule rule : verdict.applicable()) {
                brokenAndKept.get(rule)[verdict.broken().containsKey(rule) ? 0 : 1]++;
            }
        });
        // QuickTheories may run a few fewer checks than asked (it drops repeated values): the coverage is what counts
        assertThat(examples[0]).isGreaterThanOrEqualTo(EXAMPLES * 9 / 10);
        int floor = EXAMPLES / 100;
        brokenAndKept.forEach((rule, counts) -> {
            assertThat(counts[0]).as("%s broken", rule).isGreaterThan(floor);
            assertThat(counts[1]).as("%s kept", rule).isGreaterThan(floor);
        });
        assertThat(reducingAndApproved[0]).as("reducing orders").isGreaterThan(floor);
        assertThat(reducingAndApproved[1]).as("approved orders").isGreaterThan(floor);
    }

    // --- generators ------------------------------------------------------------------------------------------

    private static final List<Instrument> INSTRUMENTS = List.of(
            Instrument.spot("BTC", "USDT"), new Instrument(Asset.ETH, Asset.USDT, Market.USDM_FUTURES),
            Instrument.spot("SOL", "USDT"), Instrument.spot("ETH", "BTC"));
    private static final List<Set<String>> WHITELISTS = List.of(
            Set.of(), Set.of("BTC/USDT"), Set.of("BTC/USDT", "ETH/USDT"), Set.of("ETH/BTC", "SOL/USDT"));

    /** {@code unscaled / 10^scale} for unscaled in [min, max]. */
    private static Gen<BigDecimal> decimals(long min, long max, int scale) {
        return longs().between(min, max).map(v -> BigDecimal.valueOf(v, scale));
    }

    private static Gen<Boolean> oneIn(int n) {
        return integers().between(1, n).map(i -> i == 1);
    }

    private static <T> Gen<T> pick(List<T> values) {
        return integers().between(0, values.size() - 1).map(values::get);
    }

    static Gen<RiskProfile> profiles() {
        Gen<Set<String>> whitelists = pick(WHITELISTS);
        Gen<BigDecimal> minSizes = decimals(1, 2_000, 3);
        Gen<BigDecimal> sizeSpans = decimals(0, 20_000, 3);
        Gen<BigDecimal> orderValues = decimals(100, 2_000_000, 2);
        Gen<BigDecimal> positionValues = decimals(100, 5_000_000, 2);
        Gen<BigDecimal> positionShares = decimals(1, 10_000, 4);
        Gen<BigDecimal> leverages = decimals(10, 250, 1);
        Gen<BigDecimal> riskShares = decimals(1, 2_000, 4);
        Gen<BigDecimal> lossShares = decimals(1, 5_000, 4);
        Gen<Integer> openPositions = integers().between(1, 12);
        return in -> {
            BigDecimal min = minSizes.generate(in);
            return new RiskProfile(whitelists.generate(in), min, min.add(sizeSpans.generate(in)),
                    orderValues.generate(in), positionValues.generate(in), positionShares.generate(in),
                    leverages.generate(in), riskShares.generate(in), lossShares.generate(in),
                    openPositions.generate(in));
        };
    }

    /** Equity mostly positive, one time in ten zero or negative (zero itself a quarter of those). */
    private static Gen<BigDecimal> equities() {
        Gen<Boolean> broke = oneIn(10);
        Gen<BigDecimal> positive = decimals(1, 10_000_000, 2);
        Gen<BigDecimal> notPositive = decimals(-10_000_000, 0, 2);
        Gen<Boolean> zero = oneIn(4);
        return in -> !broke.generate(in) ? positive.generate(in)
                : zero.generate(in) ? BigDecimal.ZERO : notPositive.generate(in);
    }

    static Gen<Exposure> exposures() {
        Gen<BigDecimal> equities = equities();
        Gen<Boolean> quietDay = oneIn(5);
        Gen<BigDecimal> pnls = decimals(-2_000_000, 2_000_000, 2);
        Gen<Boolean> flat = oneIn(3);
        Gen<BigDecimal> quantities = decimals(-30_000, 30_000, 3);
        Gen<Integer> opens = integers().between(0, 12);
        return in -> {
            BigDecimal position = flat.generate(in) ? BigDecimal.ZERO : quantities.generate(in);
            int open = opens.generate(in);
            BigDecimal pnl = quietDay.generate(in) ? BigDecimal.ZERO : pnls.generate(in);
            return new Exposure(equities.generate(in), equities.generate(in), pnl,
                    position.signum() != 0 ? Math.max(open, 1) : open, position);
        };
    }

    /** An intent whose quantity is now and then exactly a size limit or the whole current position. */
    static Gen<OrderIntent> intents(RiskProfile profile, Exposure exposure) {
        Gen<Instrument> instruments = pick(INSTRUMENTS);
        Gen<OrderSide> sides = pick(List.of(OrderSide.values()));
        Gen<Integer> quantityKinds = integers().between(0, 9);
        Gen<BigDecimal> quantities = decimals(1, 25_000, 3);
        Gen<BigDecimal> prices = decimals(1, 200_000, 2);
        Gen<Boolean> usdtQuoted = oneIn(2);
        Gen<BigDecimal> quoteRates = decimals(1, 30_000, 4);
        Gen<Boolean> withStop = oneIn(2);
        Gen<BigDecimal> stopDistances = decimals(1, 9_999, 4);
        Gen<BigDecimal> leverages = decimals(10, 250, 1);
        Gen<Environment> environments = pick(List.of(Environment.values()));
        return in -> {
            OrderSide side = sides.generate(in);
            BigDecimal quantity = switch (quantityKinds.generate(in)) {
                case 0 -> profile.minOrderSize();
                case 1 -> profile.maxOrderSize();
                case 2 -> exposure.positionQuantity().signum() != 0 ? exposure.positionQuantity().abs()
                        : quantities.generate(in);
                default -> quantities.generate(in);
            };
            BigDecimal price = prices.generate(in);
            BigDecimal stop = null;
            if (withStop.generate(in)) {
                BigDecimal fraction = stopDistances.generate(in);
                stop = side == OrderSide.BUY ? price.multiply(BigDecimal.ONE.subtract(fraction))
                        : price.multiply(BigDecimal.ONE.add(fraction));
            }
            BigDecimal quoteRate = usdtQuoted.generate(in) ? BigDecimal.ONE : quoteRates.generate(in);
            return new OrderIntent(instruments.generate(in), side, quantity, price, stop, leverages.generate(in),
                    environments.generate(in), quoteRate);
        };
    }

    static Gen<Case> cases() {
        Gen<RiskProfile> profiles = profiles();
        Gen<Exposure> exposures = exposures();
        Gen<Boolean> onABoundary = oneIn(4);
        Gen<RiskRule> boundaryRules = pick(List.of(RiskRule.values()));
        return in -> {
            RiskProfile profile = profiles.generate(in);
            Exposure exposure = exposures.generate(in);
            OrderIntent intent = intents(profile, exposure).generate(in);
            if (onABoundary.generate(in)) {
                profile = withLimitAtActual(profile, boundaryRules.generate(in), intent, exposure);
            }
            return new Case(profile, intent, exposure);
        };
    }

    /**
     * The profile with {@code rule}'s limit set exactly to the value this order reaches, where that value is a
     * valid limit: random decimals almost never land on a derived limit, and "at the limit is fine" is where an
     * off-by-one hides.
     */
    private static RiskProfile withLimitAtActual(RiskProfile p, RiskRule rule, OrderIntent o, Exposure e) {
        BigDecimal after = e.positionQuantity().add(o.side() == OrderSide.BUY ? o.quantity() : o.quantity().negate());
        BigDecimal orderValue = o.quantity().multiply(o.price()).multiply(o.quoteRate());
        BigDecimal positionValue = after.abs().multiply(o.price()).multiply(o.quoteRate());
        BigDecimal atRisk = o.stopPrice() == null ? orderValue
                : o.price().subtract(o.stopPrice()).abs().multiply(o.quantity()).multiply(o.quoteRate());
        BigDecimal one = BigDecimal.ONE;
        BigDecimal positionShare = e.equity().signum() > 0 ? Decimals.divide(positionValue, e.equity()) : one.negate();
        BigDecimal riskShare = e.equity().signum() > 0 ? Decimals.divide(atRisk, e.equity()) : one.negate();
        BigDecimal lossShare = e.dayStartEquity().signum() > 0
                ? Decimals.divide(e.dailyPnl().negate(), e.dayStartEquity()) : one.negate();
        BigDecimal[] l = {p.minOrderSize(), p.maxOrderSize(), p.maxOrderValue(), p.maxPositionValue(),
                p.maxPositionShare(), p.maxLeverage(), p.maxRiskPerTrade(), p.maxDailyLoss()};
        int maxOpen = p.maxOpenPositions();
        switch (rule) {
            case MIN_ORDER_SIZE -> l[0] = o.quantity().min(p.maxOrderSize());
            case MAX_ORDER_SIZE -> l[1] = o.quantity().max(p.minOrderSize());
            case MAX_ORDER_VALUE -> l[2] = orderValue;
            case MAX_POSITION_VALUE -> l[3] = positionValue.signum() > 0 ? positionValue : l[3];
            case MAX_POSITION_SHARE -> l[4] = isShare(positionShare) ? positionShare : l[4];
            case MAX_LEVERAGE -> l[5] = o.leverage();
            case MAX_RISK_PER_TRADE -> l[6] = isShare(riskShare) ? riskShare : l[6];
            case MAX_DAILY_LOSS -> l[7] = isShare(lossShare) ? lossShare : l[7];
            case MAX_OPEN_POSITIONS -> maxOpen = e.openPositions() + 1;
            case SYMBOL_WHITELIST -> {
                return new RiskProfile(Set.of(o.instrument().symbol()), l[0], l[1], l[2], l[3], l[4], l[5], l[6],
                        l[7], maxOpen);
            }
        }
        return new RiskProfile(p.symbolWhitelist(), l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], maxOpen);
    }

    private static boolean isShare(BigDecimal value) {
        return value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0;
    }

    /**
     * Orders that shrink or close the current position, against exposures where every other rule is likely
     * broken: equity often gone, heavy losses, positions at the cap, live accounts off the whitelist.
     */
    static Gen<Case> reducingCases() {
        Gen<RiskProfile> profiles = profiles();
        Gen<Exposure> exposures = exposures();
        Gen<Long> positions = longs().between(1, 30_000);
        Gen<Boolean> longs = oneIn(2);
        Gen<Boolean> closes = oneIn(4);
        return in -> {
            RiskProfile profile = profiles.generate(in);
            Exposure base = exposures.generate(in);
            long held = positions.generate(in);
            boolean isLong = longs.generate(in);
            BigDecimal position = BigDecimal.valueOf(isLong ? held : -held, 3);
            long sold = closes.generate(in) ? held : longs().between(1, held).generate(in);
            Exposure exposure = new Exposure(base.equity().min(BigDecimal.ZERO), base.dayStartEquity(),
                    base.dailyPnl().abs().negate().subtract(BigDecimal.ONE), Math.max(base.openPositions(), 20),
                    position);
            OrderIntent drawn = intents(profile, exposure).generate(in);
            OrderIntent intent = new OrderIntent(drawn.instrument(), isLong ? OrderSide.SELL : OrderSide.BUY,
                    BigDecimal.valueOf(sold, 3), drawn.price(), null, drawn.leverage().add(BigDecimal.valueOf(30)),
                    Environment.LIVE, drawn.quoteRate());
            return new Case(profile, intent, exposure);
        };
    }
}
