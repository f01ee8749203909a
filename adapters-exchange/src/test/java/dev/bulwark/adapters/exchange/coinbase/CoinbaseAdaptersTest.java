package dev.bulwark.adapters.exchange.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoinbaseAdaptersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument BTC_USD = Instrument.spot("BTC", "USD");
    final VenueAccountId account = new VenueAccountId(UUID.randomUUID());

    /** The shape of List Orders' documented order, partly filled. */
    static JsonNode order(String configuration, String status, String filled) throws Exception {
        return JSON.readTree("{\"order_id\":\"0000-000000-000001\",\"product_id\":\"BTC-USD\",\"user_id\":\"2222-000000-000000\","
                + "\"order_configuration\":" + configuration + ",\"side\":\"SELL\",\"client_order_id\":\"11111-000000-000001\","
                + "\"status\":\"" + status + "\",\"time_in_force\":\"GOOD_UNTIL_CANCELLED\",\"created_time\":\"2024-01-15T10:00:00Z\","
                + "\"completion_percentage\":\"0\",\"filled_size\":\"" + filled + "\",\"average_filled_price\":\"45100.5\","
                + "\"fee\":\"0\",\"number_of_fills\":\"1\",\"filled_value\":\"0\",\"pending_cancel\":false,\"size_in_quote\":false,"
                + "\"total_fees\":\"0\",\"order_type\":\"LIMIT\",\"last_fill_time\":\"2024-01-15T10:05:00Z\"}");
    }

    @Test
    void aPartlyFilledLimitOrder() throws Exception {
        Order order = CoinbaseAdapters.order(account, order("{\"limit_limit_gtc\":{\"base_size\":\"0.01\","
                + "\"limit_price\":\"45000.00\",\"post_only\":false}}", "OPEN", "0.004"), BTC_USD).orElseThrow();
        assertThat(order.clientOrderId()).isEqualTo(new ClientOrderId("11111-000000-000001"));
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.004");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("45100.5");
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(order.side()).isEqualTo(OrderSide.SELL);
    }

    @ParameterizedTest
    @CsvSource({"STOP_DIRECTION_STOP_DOWN,STOP_LIMIT", "STOP_DIRECTION_STOP_UP,TAKE_PROFIT_LIMIT"})
    void aSellStopLimitIsAStopLossOrATakeProfitByItsDirection(String direction, OrderType type) throws Exception {
        Order order = CoinbaseAdapters.order(account, order("{\"stop_limit_stop_limit_gtc\":{\"base_size\":\"1\","
                + "\"limit_price\":\"39000\",\"stop_price\":\"40000\",\"stop_direction\":\"" + direction + "\"}}",
                "CANCELLED", "0"), BTC_USD).orElseThrow();
        assertThat(order.type()).isEqualTo(type);
        assertThat(order.stopPrice()).isEqualByComparingTo("40000");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        // and the request side maps back to the same direction
        OrderRequest request = new OrderRequest(BTC_USD, OrderSide.SELL, type, OrderSize.quantity(BigDecimal.ONE),
                new BigDecimal("39000"), new BigDecimal("40000"), null, TimeInForce.GTC, new ClientOrderId("x"), false, null);
        assertThat(CoinbaseAdapters.createOrder(request).orElseThrow().path("order_configuration")
                .path("stop_limit_stop_limit_gtc").path("stop_direction").asText()).isEqualTo(direction);
    }

    @Test
    void aFilledMarketOrderByQuoteAndAFailedOne() throws Exception {
        Order market = CoinbaseAdapters.order(account, order("{\"market_market_ioc\":{\"quote_size\":\"10.00\"}}",
                "FILLED", "0.0002"), BTC_USD).orElseThrow();
        assertThat(market.size()).isEqualTo(OrderSize.quoteAmount(new BigDecimal("10")));
        assertThat(market.status()).isEqualTo(OrderStatus.FILLED);
        Order failed = CoinbaseAdapters.order(account, order("{\"limit_limit_fok\":{\"base_size\":\"1\",\"limit_price\":\"1\"}}",
                "FAILED", "0"), BTC_USD).orElseThrow();
        assertThat(failed.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(failed.timeInForce()).isEqualTo(TimeInForce.FOK);
        assertThat(CoinbaseAdapters.order(account, order("{\"twap_limit_gtd\":{\"base_size\":\"1\"}}", "OPEN", "0"), BTC_USD))
                .isEmpty();
    }
}
