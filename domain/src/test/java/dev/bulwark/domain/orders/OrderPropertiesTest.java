package dev.bulwark.domain.orders;

import static dev.bulwark.domain.orders.OrderBuilder.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class OrderPropertiesTest {
    private static final int EXAMPLES = 5_000;

    /** How far along its life each state is, written here independently of the implementation. */
    private static final Map<OrderStatus, Integer> STAGE = Map.of(
            OrderStatus.NEW, 0, OrderStatus.ACCEPTED, 1, OrderStatus.PARTIALLY_FILLED, 2,
            OrderStatus.FILLED, 3, OrderStatus.CANCELLED, 3, OrderStatus.REJECTED, 3,
            OrderStatus.EXPIRED, 3, OrderStatus.FAILED, 3);

    static Gen<List<OrderStatus>> statusReports() {
        return lists().of(arbitrary().enumValues(OrderStatus.class)).ofSizeBetween(1, 25);
    }

    /** Tries every report in turn on a new order; returns each version of the order, refused reports included. */
    static void replay(List<OrderStatus> reports, Step step) {
        Order order = OrderBuilder.anOrder().build();
        int second = 1;
        for (OrderStatus report : reports) {
            Order before = order;
            try {
                order = order.transitionTo(report, T0.plusSeconds(second++));
                step.accepted(before, report, order);
            } catch (IllegalOrderTransition refused) {
                step.refused(before, report, refused);
            }
        }
    }

    interface Step {
        void accepted(Order before, OrderStatus report, Order after);

        void refused(Order before, OrderStatus report, IllegalOrderTransition refusal);
    }

    @Test
    void noTransitionLeavesATerminalState() {
        qt().withExamples(EXAMPLES).forAll(statusReports()).checkAssert(reports -> replay(reports, new Step() {
            @Override
            public void accepted(Order before, OrderStatus report, Order after) {
                assertThat(before.status().isTerminal()).as("left terminal %s for %s", before.status(), report).isFalse();
                assertThat(after.status()).isEqualTo(report);
            }

            @Override
            public void refused(Order before, OrderStatus report, IllegalOrderTransition refusal) {
                assertThat(refusal.from()).isEqualTo(before.status());
                assertThat(refusal.to()).isEqualTo(report);
            }
        }));
    }

    @Test
    void noAcceptedTransitionGoesToAnEarlierStateAndRejectionComesOnlyBeforeWork() {
        qt().withExamples(EXAMPLES).forAll(statusReports()).checkAssert(reports -> replay(reports, new Step() {
            @Override
            public void accepted(Order before, OrderStatus report, Order after) {
                assertThat(STAGE.get(report)).as("%s -> %s", before.status(), report).isGreaterThanOrEqualTo(STAGE.get(before.status()));
                if (report == OrderStatus.REJECTED) {
                    assertThat(before.status()).isIn(OrderStatus.NEW, OrderStatus.ACCEPTED);
                }
            }

            @Override
            public void refused(Order before, OrderStatus report, IllegalOrderTransition refusal) {
                boolean backwards = STAGE.get(report) < STAGE.get(before.status());
                boolean lateRejection = report == OrderStatus.REJECTED && STAGE.get(before.status()) >= 2;
                assertThat(before.status().isTerminal() || backwards || lateRejection)
                        .as("%s -> %s refused without a reason", before.status(), report).isTrue();
            }
        }));
    }

    /** An order of {@code units} lots of {@code lot}, and fills of some lots each at some price. */
    record FillPlan(BigDecimal lot, long units, List<Long> fillUnits, List<BigDecimal> prices) {
    }

    static Gen<FillPlan> fillPlans() {
        Gen<BigDecimal> lot = integers().between(0, 8).map(scale -> BigDecimal.ONE.movePointLeft(scale));
        Gen<List<Long>> fillUnits = lists().of(longs().between(1, 20)).ofSizeBetween(1, 30);
        Gen<List<BigDecimal>> prices = lists().of(longs().between(1, 100_000_000L)
                .zip(integers().between(0, 4), BigDecimal::valueOf)).ofSize(30);
        return lot.zip(longs().between(1, 60), fillUnits, prices, FillPlan::new);
    }

    @Test
    void applyingFillsNeverMakesTheFilledQuantityExceedTheOrderedOne() {
        qt().withExamples(EXAMPLES).forAll(fillPlans()).checkAssert(plan -> {
            BigDecimal ordered = plan.lot().multiply(BigDecimal.valueOf(plan.units()));
            Order order = OrderBuilder.anOrder().size(OrderSize.quantity(ordered)).build();
            BigDecimal accepted = BigDecimal.ZERO;
            BigDecimal notional = BigDecimal.ZERO;
            int fills = 0;
            for (int i = 0; i < plan.fillUnits().size(); i++) {
                Fill fill = FillBuilder.aFillOf(order).tradeId("t-" + i)
                        .quantity(plan.lot().multiply(BigDecimal.valueOf(plan.fillUnits().get(i))))
                        .price(plan.prices().get(i)).time(T0.plusSeconds(i)).build();
                Order before = order;
                if (before.status().isTerminal()) {
                    assertThatThrownBy(() -> before.apply(fill)).isInstanceOf(IllegalOrderTransition.class);
                } else if (accepted.add(fill.quantity()).compareTo(ordered) > 0) {
                    assertThatThrownBy(() -> before.apply(fill)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("overfill");
                } else {
                    order = before.apply(fill);
                    accepted = accepted.add(fill.quantity());
                    notional = notional.add(fill.notional());
                    fills++;
                }
                assertThat(order.filledQuantity()).isLessThanOrEqualTo(ordered).isEqualByComparingTo(accepted);
                assertThat(order.status() == OrderStatus.FILLED).isEqualTo(accepted.compareTo(ordered) == 0);
                if (fills > 0) {
                    // Each re-weighting rounds once at DIVISION_SCALE, so the error is at most half an ulp per fill.
                    BigDecimal exact = notional.divide(accepted, MathContext.DECIMAL128);
                    BigDecimal tolerance = BigDecimal.ONE.movePointLeft(Decimals.DIVISION_SCALE).multiply(BigDecimal.valueOf(fills));
                    assertThat(order.averageFillPrice().subtract(exact).abs()).isLessThanOrEqualTo(tolerance);
                }
            }
        });
    }
}
