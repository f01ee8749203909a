package dev.bulwark.domain.orders;

import static dev.bulwark.domain.orders.OrderStatus.ACCEPTED;
import static dev.bulwark.domain.orders.OrderStatus.CANCELLED;
import static dev.bulwark.domain.orders.OrderStatus.EXPIRED;
import static dev.bulwark.domain.orders.OrderStatus.FAILED;
import static dev.bulwark.domain.orders.OrderStatus.FILLED;
import static dev.bulwark.domain.orders.OrderStatus.NEW;
import static dev.bulwark.domain.orders.OrderStatus.PARTIALLY_FILLED;
import static dev.bulwark.domain.orders.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole state machine as a table: every (from, to) pair, legal or not, on the enum and on an order. */
class OrderStatusTest {

    /** From each state, the states it may be reported in; every other pair is illegal. */
    static final Map<OrderStatus, Set<OrderStatus>> LEGAL = Map.of(
            NEW, EnumSet.of(NEW, ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, EXPIRED, FAILED),
            ACCEPTED, EnumSet.of(ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, EXPIRED, FAILED),
            PARTIALLY_FILLED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELLED, EXPIRED, FAILED),
            FILLED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            REJECTED, EnumSet.noneOf(OrderStatus.class),
            EXPIRED, EnumSet.noneOf(OrderStatus.class),
            FAILED, EnumSet.noneOf(OrderStatus.class));

    static List<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.get(from).contains(to)));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyPair")
    void canMoveToFollowsTheTable(OrderStatus from, OrderStatus to, boolean legal) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal);
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyPair")
    void anOrderMovesOrRefusesNamingBothStates(OrderStatus from, OrderStatus to, boolean legal) {
        Order order = OrderBuilder.anOrder().status(from).build();
        if (legal) {
            Order moved = order.transitionTo(to, OrderBuilder.T0.plusSeconds(5));
            assertThat(moved.status()).isEqualTo(to);
            if (from == to) {
                assertThat(moved).as("staying put is a no-op").isSameAs(order);
            } else {
                assertThat(moved.updatedAt()).isEqualTo(OrderBuilder.T0.plusSeconds(5));
            }
        } else {
            assertThatThrownBy(() -> order.transitionTo(to, OrderBuilder.T0.plusSeconds(5)))
                    .isInstanceOfSatisfying(IllegalOrderTransition.class, e -> {
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                        assertThat(e.orderId()).isEqualTo(order.id());
                        assertThat(e).hasMessageContaining(from.name()).hasMessageContaining(to.name());
                    })
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void terminalStatesAreTheOnesWithNoWayOut(OrderStatus status) {
        assertThat(status.isTerminal()).isEqualTo(LEGAL.get(status).isEmpty());
    }
}
