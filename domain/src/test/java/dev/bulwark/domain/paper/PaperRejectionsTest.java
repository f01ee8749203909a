package dev.bulwark.domain.paper;

import static dev.bulwark.domain.market.OrderSide.BUY;
import static dev.bulwark.domain.market.OrderSide.SELL;
import static dev.bulwark.domain.paper.Paper.BTC;
import static dev.bulwark.domain.paper.Paper.BTC_PERP;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static dev.bulwark.domain.paper.Paper.at;
import static dev.bulwark.domain.paper.Paper.bd;
import static dev.bulwark.domain.paper.Paper.limit;
import static dev.bulwark.domain.paper.Paper.market;
import static dev.bulwark.domain.paper.Paper.spot;
import static dev.bulwark.domain.paper.Paper.stop;
import static dev.bulwark.domain.paper.Paper.takeProfit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderBuilder;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Orders a venue would refuse: the paper account refuses them too, saying why, and locks nothing. */
class PaperRejectionsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a limit off the tick", limit(BUY, "1", "100.005").build(), RejectReason.PRICE_OFF_TICK),
                Arguments.of("a stop off the tick", stop(SELL, "0.1", "95.001").build(), RejectReason.PRICE_OFF_TICK),
                Arguments.of("a quantity off the lot step", limit(BUY, "0.0015", "100").build(), RejectReason.QUANTITY_OFF_STEP),
                Arguments.of("under the minimum quantity", limit(BUY, "0.001", "10000").build(), RejectReason.BELOW_MIN_QUANTITY),
                Arguments.of("over the maximum quantity", limit(BUY, "2000", "1").build(), RejectReason.ABOVE_MAX_QUANTITY),
                Arguments.of("under the minimum notional", limit(BUY, "0.01", "100").build(), RejectReason.BELOW_MIN_NOTIONAL),
                Arguments.of("a market order under the minimum notional", market(BUY, "0.01").build(), RejectReason.BELOW_MIN_NOTIONAL),
                Arguments.of("a quote amount under one lot", market(BUY, "1").quoteAmount("0.05").build(), RejectReason.ZERO_QUANTITY),
                Arguments.of("an unlisted instrument", limit(BUY, "1", "100").on(Instrument.spot("ETH", "USDT")).build(),
                        RejectReason.UNKNOWN_INSTRUMENT),
                Arguments.of("a futures instrument in a spot wallet", limit(BUY, "1", "100").on(BTC_PERP).build(),
                        RejectReason.UNSUPPORTED_MARKET),
                Arguments.of("a sell stop above the price", stop(SELL, "0.1", "101").build(), RejectReason.WOULD_TRIGGER_IMMEDIATELY),
                Arguments.of("a buy stop below the price", stop(BUY, "1", "99").build(), RejectReason.WOULD_TRIGGER_IMMEDIATELY),
                Arguments.of("a sell take-profit below the price", takeProfit(SELL, "0.1", "99").build(),
                        RejectReason.WOULD_TRIGGER_IMMEDIATELY),
                Arguments.of("a buy beyond the quote balance", limit(BUY, "11", "100").build(), RejectReason.INSUFFICIENT_BALANCE),
                Arguments.of("a market buy beyond the quote balance", market(BUY, "10.001").build(), RejectReason.INSUFFICIENT_BALANCE),
                Arguments.of("a sell beyond the base balance", limit(SELL, "0.6", "100").build(), RejectReason.INSUFFICIENT_BALANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aVenueRuleOrTheBalanceRefusesTheOrderWithItsReason(String what, Order order, RejectReason reason) {
        PaperAccount paper = spot("1000", "0.5");

        PlaceResult result = paper.place(order, at("100"), T0);

        assertThat(result).isInstanceOf(PlaceResult.Rejected.class);
        PlaceResult.Rejected rejected = (PlaceResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank();
        assertThat(rejected.order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(paper.order(order.id())).contains(rejected.order());
        assertThat(paper.openOrders()).isEmpty();
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("1000"), BigDecimal.ZERO));
        assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("0.5"), BigDecimal.ZERO));
    }

    @Test
    void theReasonCarriesTheNumbers() {
        PaperAccount paper = spot("1000", "0");

        PlaceResult.Rejected rejected = (PlaceResult.Rejected) paper.place(limit(BUY, "11", "100").build(), at("100"), T0);

        assertThat(rejected.detail()).isEqualTo("needs 1100 USDT, 1000 free");
    }

    @Test
    void anOrderIdPlacedBeforeOrAClientIdOfAnOpenOrderIsADuplicate() {
        PaperAccount paper = spot("1000", "0");
        Order first = limit(BUY, "1", "90").build();
        paper.place(first, at("100"), T0);

        PlaceResult sameId = paper.place(first, at("100"), T0);
        Order sameClientId = OrderBuilder.anOrder().id(Paper.nextId()).clientOrderId(first.clientOrderId())
                .limitPrice("90").createdAt(T0).updatedAt(T0).build();
        PlaceResult sameClient = paper.place(sameClientId, at("100"), T0);

        assertThat(((PlaceResult.Rejected) sameId).reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(((PlaceResult.Rejected) sameClient).reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(paper.order(first.id()).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(paper.openOrders()).containsExactly(paper.order(first.id()).orElseThrow());
    }

    @Test
    void aClientIdMayBeReusedOnceItsOrderHasClosedAndQueriesFindTheLatest() {
        PaperAccount paper = spot("1000", "0");
        Order first = limit(BUY, "1", "90").build();
        paper.place(first, at("100"), T0);
        paper.cancel(first.id(), T0);
        Order second = OrderBuilder.anOrder().id(Paper.nextId()).clientOrderId(first.clientOrderId())
                .limitPrice("90").createdAt(T0).updatedAt(T0).build();

        assertThat(paper.place(second, at("100"), T0)).isInstanceOf(PlaceResult.Accepted.class);
        assertThat(paper.order(new ClientOrderId(first.clientOrderId().value())).orElseThrow().id()).isEqualTo(second.id());
    }

    @Test
    void anOrderOfAnotherAccountOrNotNewIsACallerBug() {
        PaperAccount paper = spot("1000", "0");
        Order foreign = OrderBuilder.anOrder().id(Paper.nextId()).account(new VenueAccountId(new UUID(9, 9))).build();
        Order accepted = OrderBuilder.anOrder().id(Paper.nextId()).status(OrderStatus.ACCEPTED).build();

        assertThatThrownBy(() -> paper.place(foreign, at("100"), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> paper.place(accepted, at("100"), T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
