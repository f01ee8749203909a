package dev.bulwark.host.vertx.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Renders what a use case answers (records of the driving ports and the domain) as JSON, one rule for all:
 * a record is an object of its components; a record of one plain value (an id, an asset code) is that value;
 * amounts are strings of their exact decimal ({@code "0.00012"}), so no client reads them through a float; instants
 * and durations are ISO-8601; enums their name; absent values {@code null}.
 */
final class JsonViews {
    private JsonViews() {
    }

    static JsonObject object(Record view) {
        return (JsonObject) value(view);
    }

    static @Nullable Object value(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Optional<?> optional) {
            return value(optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((k, v) -> object.put(String.valueOf(value(k)), value(v)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            JsonArray array = new JsonArray();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            if (components.length == 1 && isScalar(components[0].getType())) {
                return value(read(record, components[0]));
            }
            JsonObject object = new JsonObject();
            for (RecordComponent component : components) {
                object.put(component.getName(), value(read(record, component)));
            }
            return object;
        }
        return value.toString();
    }

    private static boolean isScalar(Class<?> type) {
        return type == String.class || type == UUID.class || type == long.class || type == int.class;
    }

    private static @Nullable Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
