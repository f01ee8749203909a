package dev.bulwark.adapters.exchange.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reading the fields of one venue's JSON answers the way the signed venues that send numbers as strings (OKX,
 * Bitget, Bybit) read them: a number as a {@link BigDecimal} (text or number; a text normalized where the venue's
 * reader wants it), a required text, epoch milliseconds; what is missing or malformed is a failure to answer, named
 * for the venue. Thread-safe.
 */
public final class VenueJson {
    private final VenueId venue;
    private final boolean normalize;

    /** Numbers sent as text are normalized ({@link Decimals#normalize}). */
    public VenueJson(VenueId venue) {
        this(venue, true);
    }

    /** @param normalize whether a number sent as text is normalized, or kept at the scale the venue wrote */
    public VenueJson(VenueId venue, boolean normalize) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.normalize = normalize;
    }

    /** The first of {@code values} that is a client order id in our alphabet (the venue's own id is a fallback). */
    public static Optional<ClientOrderId> firstClientOrderId(List<String> values) {
        for (String value : values) {
            if (!value.isBlank()) {
                try {
                    return Optional.of(new ClientOrderId(value));
                } catch (IllegalArgumentException e) {
                    // not in our alphabet: try the venue's own id
                }
            }
        }
        return Optional.empty();
    }

    /** An order's status and average price once what it reports of its fill is reconciled. */
    public record Progress(OrderStatus status, @Nullable BigDecimal average) {
    }

    /**
     * Reconciles what an order reports of its fill: a filled quantity needs an average price ({@code average}, read
     * only then), makes an accepted order partially filled, and makes it filled once it reaches {@code fullAt}; a
     * status that claims a fill without a filled quantity is malformed.
     *
     * @param fullAt the quantity at which the order is filled; null for an order sized in the quote asset, whose
     *               filled base quantity says nothing of that
     */
    public Progress progress(OrderStatus reported, BigDecimal filled, @Nullable BigDecimal fullAt,
            Supplier<Optional<BigDecimal>> average) {
        OrderStatus status = reported;
        BigDecimal averagePrice = null;
        if (filled.signum() > 0) {
            averagePrice = average.get().orElseThrow(() -> malformed("a filled order without its average price"));
            if (status == OrderStatus.ACCEPTED) {
                status = OrderStatus.PARTIALLY_FILLED;
            }
            if (fullAt != null && filled.compareTo(fullAt) >= 0) {
                status = OrderStatus.FILLED;
            }
        } else if (status == OrderStatus.PARTIALLY_FILLED || status == OrderStatus.FILLED) {
            throw malformed("a filled order without its filled quantity");
        }
        return new Progress(status, averagePrice);
    }

    public BigDecimal decimal(@Nullable JsonNode node, String what) {
        return optionalDecimal(node).orElseThrow(() -> malformed("no " + what + " where it documents one"));
    }

    public Optional<BigDecimal> optionalDecimal(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        String text = node.asText("").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Optional.of(normalize ? Decimals.normalize(value) : value);
        } catch (NumberFormatException e) {
            throw malformed("a number that is not one");
        }
    }

    public String text(@Nullable JsonNode node, String what) {
        if (node == null || !node.isValueNode() || node.asText().isBlank()) {
            throw malformed("no " + what + " where it documents one");
        }
        return node.asText();
    }

    public Instant millis(@Nullable JsonNode node, String what) {
        return Instant.ofEpochMilli(decimal(node, what).longValue());
    }

    public VenueUnavailable malformed(String what) {
        return new VenueUnavailable(venue, "answered with " + what, null);
    }
}
