package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Operation.Action} gets: the authenticated principal (for authenticated operations), the bound and
 * validated command, path and query parameters, and the client's address and agent. Built on the event loop, read on
 * a virtual thread; immutable.
 */
record Call(@Nullable Principal caller, @Nullable Record command, Map<String, String> pathParams,
            Map<String, String> query, @Nullable String ip, @Nullable String userAgent, String correlationId) {

    Principal principal() {
        if (caller == null) {
            throw new IllegalStateException("an open operation has no principal");
        }
        return caller;
    }

    <T> T body(Class<T> type) {
        return type.cast(command);
    }

    /** A path parameter that is an id: an id that is not a UUID names nothing here, so it is 404 like an unknown one. */
    UUID id(String name) {
        String text = pathParams.get(name);
        try {
            return UUID.fromString(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new NotFound("No such " + name.replace('_', ' '));
        }
    }

    @Nullable String query(String name) {
        return query.get(name);
    }

    int intQuery(String name, int fallback, int min, int max) {
        String text = query.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Invalid("1 field is invalid", java.util.List.of(new Invalid.FieldError(name, "must be a whole number from " + min + " to " + max)));
    }
}
