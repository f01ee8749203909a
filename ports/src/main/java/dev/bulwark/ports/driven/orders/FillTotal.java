package dev.bulwark.ports.driven.orders;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Fill;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The fills of one instrument and side over a period, summed: {@code quantity} of the base asset, {@code notional}
 * (price x quantity) in the quote asset, and how many fills they were.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record FillTotal(Instrument instrument, OrderSide side, BigDecimal quantity, BigDecimal notional, int fills) {
    public FillTotal {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(notional, "notional");
        if (quantity.signum() < 0 || notional.signum() < 0 || fills < 1) {
            throw new IllegalArgumentException("a fill total sums at least one fill of non-negative amounts");
        }
    }

    /** The totals of {@code fills} per instrument and side, in the order each pair first appears. */
    public static List<FillTotal> of(Collection<Fill> fills) {
        Map<List<Object>, FillTotal> totals = new LinkedHashMap<>();
        for (Fill fill : fills) {
            totals.merge(List.of(fill.instrument(), fill.side()),
                    new FillTotal(fill.instrument(), fill.side(), fill.quantity(), fill.notional(), 1),
                    (a, b) -> new FillTotal(a.instrument(), a.side(), Decimals.normalize(a.quantity().add(b.quantity())),
                            Decimals.normalize(a.notional().add(b.notional())), a.fills() + b.fills()));
        }
        return List.copyOf(totals.values());
    }
}
