package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.errors.Invalid;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a JSON object into a driving command record, field by field, by the record's own components: strings,
 * booleans, whole numbers, exact decimals, ISO-8601 instants and durations, enums (any case), sets and lists of
 * those, nested records, and sealed interfaces of records chosen by a {@code type} field (the record's name without
 * a {@code Spec} suffix, first letter lower case: {@code smaCross}). Unknown fields are refused; every wrong field
 * is reported at once, by path, without quoting its value. What the record's Bean Validation annotations say is
 * checked after, by the runtime.
 */
final class CommandBinder {
    private CommandBinder() {
    }

    static <T extends Record> T bind(Map<String, @Nullable Object> json, Class<T> type) {
        List<Invalid.FieldError> errors = new ArrayList<>();
        @Nullable Object value = bindRecord(json, type, "", errors);
        if (!errors.isEmpty()) {
            throw new Invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        return type.cast(value);
    }

    /** The name a sealed interface's record goes by in the {@code type} field. */
    static String typeName(Class<?> recordType) {
        String name = recordType.getSimpleName();
        if (name.endsWith("Spec") && name.length() > 4) {
            name = name.substring(0, name.length() - 4);
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static @Nullable Object bindRecord(Map<String, @Nullable Object> json, Class<?> type, String path,
                                               List<Invalid.FieldError> errors) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                errors.add(new Invalid.FieldError(path + field, "is not a known field"));
            }
        }
        Object[] args = new Object[components.length];
        int before = errors.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String fieldPath = path + component.getName();
            @Nullable Object raw = json.get(component.getName());
            args[i] = raw == null
                    ? defaultOf(component.getType(), fieldPath, errors)
                    : convert(raw, component.getType(), component.getGenericType(), fieldPath, errors);
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // a domain value that guards itself (a risk profile): its message says what is wrong, never the value
            Throwable cause = e.getCause();
            String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "is not valid";
            errors.add(new Invalid.FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1), message));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static @Nullable Object defaultOf(Class<?> type, String path, List<Invalid.FieldError> errors) {
        if (type == int.class || type == long.class || type == boolean.class) {
            errors.add(new Invalid.FieldError(path, "is required"));
        }
        return null;
    }

    private static @Nullable Object convert(Object raw, Class<?> type, Type generic, String path,
                                            List<Invalid.FieldError> errors) {
        try {
            if (type == String.class) {
                return expect(raw, String.class, "a string");
            }
            if (type == Boolean.class || type == boolean.class) {
                return expect(raw, Boolean.class, "true or false");
            }
            if (type == BigDecimal.class) {
                if (raw instanceof String text) {
                    return new BigDecimal(text.strip());
                }
                return expect(raw, BigDecimal.class, "a number");
            }
            if (type == Integer.class || type == int.class) {
                return expect(raw, BigDecimal.class, "a whole number").intValueExact();
            }
            if (type == Long.class || type == long.class) {
                return expect(raw, BigDecimal.class, "a whole number").longValueExact();
            }
            if (type == Instant.class) {
                return Instant.parse(expect(raw, String.class, "an ISO-8601 instant").strip());
            }
            if (type == Duration.class) {
                return Duration.parse(expect(raw, String.class, "an ISO-8601 duration (PT1H)").strip());
            }
            if (type.isEnum()) {
                return enumValue(type, expect(raw, String.class, "one of " + enumNames(type)), path);
            }
            if (Collection.class.isAssignableFrom(type)) {
                Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
                Class<?> elementType = element instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) element).getRawType();
                List<?> items = expect(raw, List.class, "an array");
                Collection<@Nullable Object> out = Set.class.isAssignableFrom(type) ? new LinkedHashSet<>() : new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item == null) {
                        errors.add(new Invalid.FieldError(path + "[" + i + "]", "cannot be null"));
                        continue;
                    }
                    Object converted = convert(item, elementType, element, path + "[" + i + "]", errors);
                    if (converted != null) {
                        out.add(converted);
                    }
                }
                return Set.class.isAssignableFrom(type) ? Set.copyOf(out) : List.copyOf(out);
            }
            if (type.isRecord()) {
                return bindRecord(object(raw), type, path + ".", errors);
            }
            if (type.isSealed() && type.isInterface()) {
                Map<String, @Nullable Object> object = object(raw);
                Object kind = object.get("type");
                for (Class<?> option : type.getPermittedSubclasses()) {
                    if (option.isRecord() && typeName(option).equalsIgnoreCase(String.valueOf(kind))) {
                        Map<String, @Nullable Object> rest = new java.util.LinkedHashMap<>(object);
                        rest.remove("type");
                        return bindRecord(rest, option, path + ".", errors);
                    }
                }
                errors.add(new Invalid.FieldError(path + ".type", "must be one of "
                        + Arrays.stream(type.getPermittedSubclasses()).map(CommandBinder::typeName).toList()));
                return null;
            }
        } catch (WrongType e) {
            errors.add(new Invalid.FieldError(path, "must be " + e.getMessage()));
            return null;
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new Invalid.FieldError(path, type == BigDecimal.class ? "must be a number" : "must be a whole number in range"));
            return null;
        } catch (DateTimeParseException e) {
            errors.add(new Invalid.FieldError(path, type == Duration.class ? "must be an ISO-8601 duration (PT1H)"
                    : "must be an ISO-8601 instant (2026-01-31T12:00:00Z)"));
            return null;
        }
        throw new IllegalStateException("no JSON binding for " + type.getName() + " at " + path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> object(Object raw) {
        return (Map<String, @Nullable Object>) expect(raw, Map.class, "an object");
    }

    private static <V> V expect(Object raw, Class<V> type, String what) {
        if (!type.isInstance(raw)) {
            throw new WrongType(what);
        }
        return type.cast(raw);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String text, String path) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equals(wanted)) {
                return constant;
            }
        }
        throw new WrongType("one of " + enumNames(type));
    }

    static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    /** A value of the wrong JSON type: carries what was expected (never what was given). */
    private static final class WrongType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongType(String expected) {
            super(expected, null, false, false);
        }
    }
}
