package dev.bulwark.domain.orders;

import java.util.Objects;
import java.util.UUID;

/** Our id of an order (UUIDv7 from the id port), independent of any venue's own order id. */
public record OrderId(UUID value) {
    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
