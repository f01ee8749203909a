package dev.bulwark.domain.risk;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Judges an order intent against a {@link RiskProfile} and the account's {@link Exposure}. Pure: the same inputs
 * always give the same decision, and every broken rule is reported, not just the first.
 *
 * <p>Definitions, all in USDT (prices are converted with the intent's quote rate):
 * <ul>
 *   <li><b>order value</b> = quantity × price × quote rate;</li>
 *   <li><b>new position</b> = current position quantity + quantity (buy) or − quantity (sell); the order
 *       <b>reduces</b> when |new| ≤ |current| and new is zero or has the current sign (it does not flip);</li>
 *   <li><b>position value</b> = |new position| × price × quote rate;</li>
 *   <li><b>at risk</b> = |price − stop| × quantity × quote rate with a stop; without one, the whole order value;</li>
 *   <li>shares are quotients at {@link Decimals#DIVISION_SCALE}.</li>
 * </ul>
 *
 * <p>A reducing order is checked only against {@link RiskRule#MIN_ORDER_SIZE}, {@link RiskRule#MAX_ORDER_SIZE}
 * and {@link RiskRule#MAX_ORDER_VALUE}: a user must always be able to get out, past the daily loss limit, after
 * equity went negative, or after the symbol left the whitelist. Every other order is checked against every rule.
 * A rule is broken when the actual value is strictly beyond the limit:
 * <ul>
 *   <li>{@code SYMBOL_WHITELIST}: the symbol is not {@linkplain RiskProfile#allows allowed} (limit 1, actual 0);</li>
 *   <li>{@code MIN_ORDER_SIZE}: quantity &lt; minimum; {@code MAX_ORDER_SIZE}: quantity &gt; maximum;</li>
 *   <li>{@code MAX_ORDER_VALUE}: order value &gt; limit;</li>
 *   <li>{@code MAX_POSITION_VALUE}: position value &gt; limit;</li>
 *   <li>{@code MAX_POSITION_SHARE}: position value / equity &gt; limit; always broken when equity ≤ 0
 *       (actual {@code null});</li>
 *   <li>{@code MAX_LEVERAGE}: leverage &gt; cap;</li>
 *   <li>{@code MAX_RISK_PER_TRADE}: at risk / equity &gt; limit; always broken when equity ≤ 0 (actual
 *       {@code null});</li>
 *   <li>{@code MAX_DAILY_LOSS}: only with a loss (daily P&amp;L &lt; 0): −daily P&amp;L / day-start equity &gt;
 *       limit; always broken when day-start equity ≤ 0 (actual {@code null}). It stops new risk, not exits;</li>
 *   <li>{@code MAX_OPEN_POSITIONS}: only when the order opens a position (current quantity zero): open
 *       positions + 1 &gt; maximum.</li>
 * </ul>
 */
public record RiskEngine(RiskProfile profile) {
    private static final List<RiskRule> ORDER_SIZE_RULES =
            List.of(RiskRule.MIN_ORDER_SIZE, RiskRule.MAX_ORDER_SIZE, RiskRule.MAX_ORDER_VALUE);

    public RiskEngine {
        Objects.requireNonNull(profile, "profile");
    }

    /** Approves the intent, naming the rules checked, or rejects it with every violation. */
    public RiskDecision evaluate(OrderIntent intent, Exposure exposure) {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(exposure, "exposure");
        BigDecimal current = exposure.positionQuantity();
        BigDecimal next = current.add(intent.signedQuantity());
        boolean reduces = next.abs().compareTo(current.abs()) <= 0
                && (next.signum() == 0 || next.signum() == current.signum());

        List<Violation> violations = new ArrayList<>();
        if (!reduces) {
            whitelist(intent, violations);
        }
        orderSize(intent, violations);
        if (!reduces) {
            position(intent, exposure, next, violations);
            leverage(intent, violations);
            riskPerTrade(intent, exposure, violations);
            dailyLoss(exposure, violations);
            openPositions(exposure, violations);
        }
        if (!violations.isEmpty()) {
            return new RiskDecision.Rejected(violations);
        }
        return new RiskDecision.Approved(reduces ? ORDER_SIZE_RULES : List.of(RiskRule.values()));
    }

    private void whitelist(OrderIntent intent, List<Violation> violations) {
        if (!profile.allows(intent.instrument(), intent.environment())) {
            String why = profile.symbolWhitelist().isEmpty()
                    ? "the whitelist is empty, which allows no symbol on a live account"
                    : intent.instrument().symbol() + " is not on the whitelist " + profile.symbolWhitelist();
            violations.add(new Violation(RiskRule.SYMBOL_WHITELIST, BigDecimal.ONE, BigDecimal.ZERO, why));
        }
    }

    private void orderSize(OrderIntent intent, List<Violation> violations) {
        BigDecimal quantity = intent.quantity();
        if (quantity.compareTo(profile.minOrderSize()) < 0) {
            violations.add(new Violation(RiskRule.MIN_ORDER_SIZE, profile.minOrderSize(), quantity,
                    "order quantity " + plain(quantity) + " is below the minimum " + plain(profile.minOrderSize())));
        }
        if (quantity.compareTo(profile.maxOrderSize()) > 0) {
            violations.add(new Violation(RiskRule.MAX_ORDER_SIZE, profile.maxOrderSize(), quantity,
                    "order quantity " + plain(quantity) + " is above the maximum " + plain(profile.maxOrderSize())));
        }
        BigDecimal value = intent.value();
        if (value.compareTo(profile.maxOrderValue()) > 0) {
            violations.add(new Violation(RiskRule.MAX_ORDER_VALUE, profile.maxOrderValue(), value,
                    "order value " + plain(value) + " USDT is above the maximum " + plain(profile.maxOrderValue())
                            + " USDT"));
        }
    }

    private void position(OrderIntent intent, Exposure exposure, BigDecimal next, List<Violation> violations) {
        BigDecimal value = Decimals.normalize(next.abs().multiply(intent.price()).multiply(intent.quoteRate()));
        if (value.compareTo(profile.maxPositionValue()) > 0) {
            violations.add(new Violation(RiskRule.MAX_POSITION_VALUE, profile.maxPositionValue(), value,
                    "the position would be worth " + plain(value) + " USDT, above the maximum "
                            + plain(profile.maxPositionValue()) + " USDT"));
        }
        share(RiskRule.MAX_POSITION_SHARE, profile.maxPositionShare(), value, exposure.equity(), "equity",
                "the position of " + plain(value) + " USDT", violations);
    }

    private void leverage(OrderIntent intent, List<Violation> violations) {
        if (intent.leverage().compareTo(profile.maxLeverage()) > 0) {
            violations.add(new Violation(RiskRule.MAX_LEVERAGE, profile.maxLeverage(), intent.leverage(),
                    "leverage " + plain(intent.leverage()) + " is above the cap " + plain(profile.maxLeverage())));
        }
    }

    private void riskPerTrade(OrderIntent intent, Exposure exposure, List<Violation> violations) {
        @Nullable BigDecimal stop = intent.stopPrice();
        BigDecimal atRisk = stop == null ? intent.value()
                : Decimals.normalize(intent.price().subtract(stop).abs().multiply(intent.quantity())
                        .multiply(intent.quoteRate()));
        String what = stop == null ? "the whole order value of " + plain(atRisk) + " USDT (no stop)"
                : plain(atRisk) + " USDT at risk to the stop";
        share(RiskRule.MAX_RISK_PER_TRADE, profile.maxRiskPerTrade(), atRisk, exposure.equity(), "equity", what,
                violations);
    }

    private void dailyLoss(Exposure exposure, List<Violation> violations) {
        if (exposure.dailyPnl().signum() >= 0) {
            return;
        }
        share(RiskRule.MAX_DAILY_LOSS, profile.maxDailyLoss(), exposure.dailyPnl().negate(),
                exposure.dayStartEquity(), "the day's starting equity", "today's loss of " + plain(exposure.dailyPnl().negate()) + " USDT",
                violations);
    }

    private void openPositions(Exposure exposure, List<Violation> violations) {
        if (exposure.positionQuantity().signum() != 0) {
            return;
        }
        int after = exposure.openPositions() + 1;
        if (after > profile.maxOpenPositions()) {
            violations.add(new Violation(RiskRule.MAX_OPEN_POSITIONS, BigDecimal.valueOf(profile.maxOpenPositions()),
                    BigDecimal.valueOf(after), "this order would open position " + after + ", above the maximum of "
                            + profile.maxOpenPositions()));
        }
    }

    /** {@code amount / base > limit}; a base of zero or less leaves no room for any share, so that is broken too. */
    private static void share(RiskRule rule, BigDecimal limit, BigDecimal amount, BigDecimal base, String baseName,
            String what, List<Violation> violations) {
        if (base.signum() <= 0) {
            violations.add(new Violation(rule, limit, null, what + " cannot be a share of " + baseName + " of "
                    + plain(base) + " USDT, so no share can be computed"));
            return;
        }
        BigDecimal share = Decimals.divide(amount, base);
        if (share.compareTo(limit) > 0) {
            violations.add(new Violation(rule, limit, share, what + " is " + plain(share) + " of " + baseName
                    + " of " + plain(base) + " USDT, above the maximum share " + plain(limit)));
        }
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
