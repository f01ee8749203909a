package dev.bulwark.host.vertx.http;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * The OpenAPI 3.1 document of the API, written from the same {@link Operation} table that registers the routes and
 * from the command records' own Bean Validation annotations, so what the document states is what the server checks.
 * An annotation this writer does not know stops the build's tests (and the server's start) rather than vanish from
 * the document silently.
 */
final class OpenApi {
    private static final java.util.regex.Pattern PATH_PARAM = java.util.regex.Pattern.compile(":([a-z_]+)");
    private final Map<String, Object> schemas = new TreeMap<>();

    private OpenApi() {
    }

    static Map<String, Object> document(List<Operation> operations, String version) {
        return new OpenApi().build(operations, version);
    }

    private Map<String, Object> build(List<Operation> operations, String version) {
        Map<String, Object> paths = new TreeMap<>();
        for (Operation op : operations) {
            Matcher matcher = PATH_PARAM.matcher(op.path());
            List<Object> parameters = new ArrayList<>();
            while (matcher.find()) {
                parameters.add(map("name", matcher.group(1), "in", "path", "required", true,
                        "schema", map("type", "string", "format", "uuid")));
            }
            String path = Api.PREFIX + PATH_PARAM.matcher(op.path()).replaceAll("{$1}");
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("tags", List.of(op.tag()));
            operation.put("summary", op.summary());
            operation.put("operationId", op.method().name().toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            if (op.body() != null) {
                operation.put("requestBody", map("required", true, "content",
                        map("application/json", map("schema", ref(op.body())))));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            if (op.response() != null) {
                Object schema = op.list() ? map("type", "array", "items", ref(op.response())) : ref(op.response());
                responses.put(Integer.toString(op.status()), map("description", "OK", "content",
                        map("application/json", map("schema", schema))));
            } else {
                responses.put(Integer.toString(op.status()), map("description", "Done, no content"));
            }
            responses.put("default", map("description", "A problem (RFC 9457)", "content",
                    map("application/problem+json", map("schema", map("$ref", "#/components/schemas/Problem")))));
            operation.put("responses", responses);
            if (!op.authenticated()) {
                operation.put("security", List.of());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new TreeMap<>());
            item.put(op.method().name().toLowerCase(Locale.ROOT), operation);
        }
        schemas.put("Problem", map("type", "object", "required", List.of("type", "title", "status", "detail", "correlationId"),
                "properties", map("type", map("type", "string", "format", "uri"), "title", map("type", "string"),
                        "status", map("type", "integer"), "detail", map("type", "string"), "instance", map("type", "string"),
                        "correlationId", map("type", "string"),
                        "errors", map("type", "array", "items", map("type", "object", "properties",
                                map("field", map("type", "string"), "message", map("type", "string")))),
                        "limit", map("type", "string"))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "Bulwark API", "version", version, "description",
                "Risk-first trading and portfolio engine. Authenticate with Authorization: Bearer <session token or API key>, "
                        + "or the session cookie plus X-CSRF-Token on state-changing requests. X-Bulwark-Workspace selects "
                        + "a workspace the user belongs to. Amounts are exact decimal strings. Errors are Problem+JSON."));
        doc.put("servers", List.of(map("url", "/")));
        doc.put("security", List.of(map("bearer", List.of()), map("sessionCookie", List.of())));
        doc.put("paths", paths);
        doc.put("components", map("schemas", schemas, "securitySchemes", map(
                "bearer", map("type", "http", "scheme", "bearer"),
                "sessionCookie", map("type", "apiKey", "in", "cookie", "name", Auth.SESSION_COOKIE))));
        return doc;
    }

    static String schemaName(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    private Map<String, Object> ref(Class<?> type) {
        define(type);
        return map("$ref", "#/components/schemas/" + schemaName(type));
    }

    private void define(Class<?> type) {
        String name = schemaName(type);
        if (schemas.containsKey(name)) {
            return;
        }
        schemas.put(name, Map.of()); // placeholder: a record that refers to itself must not recurse forever
        if (type.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Map<String, Object> schema = new LinkedHashMap<>(schemaOf(component.getType(), component.getGenericType()));
                boolean isRequired = component.getType().isPrimitive();
                for (Annotation annotation : component.getAccessor().getAnnotations()) {
                    isRequired |= constrain(schema, annotation, type, component);
                }
                // constraints on a collection's elements (Set<@Pattern String>) belong to its items
                if (component.getAccessor().getAnnotatedReturnType() instanceof AnnotatedParameterizedType generic
                        && schema.get("items") instanceof Map<?, ?> items) {
                    Map<String, Object> itemSchema = new LinkedHashMap<>();
                    items.forEach((k, v) -> itemSchema.put((String) k, v));
                    for (Annotation annotation : generic.getAnnotatedActualTypeArguments()[0].getAnnotations()) {
                        constrain(itemSchema, annotation, type, component);
                    }
                    schema.put("items", itemSchema);
                }
                properties.put(component.getName(), schema);
                if (isRequired) {
                    required.add(component.getName());
                }
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("additionalProperties", false);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            schema.put("properties", properties);
            schemas.put(name, schema);
        } else if (type.isSealed() && type.isInterface()) {
            List<Object> options = new ArrayList<>();
            for (Class<?> option : type.getPermittedSubclasses()) {
                options.add(map("allOf", List.of(ref(option), map("type", "object", "required", List.of("type"),
                        "properties", map("type", map("const", CommandBinder.typeName(option)))))));
            }
            schemas.put(name, map("oneOf", options));
        } else {
            schemas.put(name, map("type", "object"));
        }
    }

    private Map<String, Object> schemaOf(Class<?> type, Type generic) {
        if (type == String.class) {
            return map("type", "string");
        }
        if (type == boolean.class || type == Boolean.class) {
            return map("type", "boolean");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return map("type", "integer");
        }
        if (type == BigDecimal.class) {
            return map("type", List.of("string", "number"), "format", "decimal",
                    "description", "an exact decimal; answers give it as a string");
        }
        if (type == Instant.class) {
            return map("type", "string", "format", "date-time");
        }
        if (type == Duration.class) {
            return map("type", "string", "format", "duration");
        }
        if (type == UUID.class) {
            return map("type", "string", "format", "uuid");
        }
        if (type.isEnum()) {
            return map("type", "string", "enum", CommandBinder.enumNames(type));
        }
        if (Collection.class.isAssignableFrom(type) || Optional.class == type) {
            Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Class<?> elementType = element instanceof Class<?> c ? c
                    : element instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            Map<String, Object> items = schemaOf(elementType, element);
            return Optional.class == type ? items : map("type", "array", "items", items);
        }
        if (Map.class.isAssignableFrom(type)) {
            Type value = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            Class<?> valueType = value instanceof Class<?> c ? c
                    : value instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            return map("type", "object", "additionalProperties", schemaOf(valueType, value));
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            if (components.length == 1 && (components[0].getType() == String.class || components[0].getType() == UUID.class
                    || components[0].getType() == long.class || components[0].getType() == int.class)) {
                return schemaOf(components[0].getType(), components[0].getGenericType()); // an id or a code
            }
            return ref(type);
        }
        if (type.isSealed() && type.isInterface()) {
            return ref(type);
        }
        if (type == Object.class) {
            return map();
        }
        return map("type", "string");
    }

    /** Adds what one annotation says to the schema; true when it makes the field required. */
    private static boolean constrain(Map<String, Object> schema, Annotation annotation, Class<?> owner, RecordComponent component) {
        boolean text = component.getType() == String.class;
        switch (annotation) {
            case NotNull ignored -> {
                return true;
            }
            case NotBlank ignored -> {
                schema.put("minLength", 1);
                schema.put("pattern", ".*\\S.*");
                return true;
            }
            case NotEmpty ignored -> {
                schema.put(text ? "minLength" : "minItems", 1);
                return true;
            }
            case Size size -> {
                if (size.min() > 0) {
                    schema.put(text ? "minLength" : "minItems", size.min());
                }
                if (size.max() < Integer.MAX_VALUE) {
                    schema.put(text ? "maxLength" : "maxItems", size.max());
                }
            }
            case Pattern pattern -> schema.put("pattern", "^(?:" + pattern.regexp() + ")$");
            case Email ignored -> schema.put("format", "email");
            case Positive ignored -> schema.put("exclusiveMinimum", 0);
            case PositiveOrZero ignored -> schema.put("minimum", 0);
            case Min min -> schema.put("minimum", min.value());
            case Max max -> schema.put("maximum", max.value());
            case DecimalMax max -> schema.put(max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
            case DecimalMin min -> schema.put(min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
            case Future ignored -> schema.put("description", "a time in the future");
            case Valid ignored -> {
                // nested records carry their own constraints in their own schema
            }
            default -> {
                if (annotation.annotationType().getPackageName().startsWith("jakarta.validation")) {
                    throw new IllegalStateException("the OpenAPI writer does not know " + annotation.annotationType().getSimpleName()
                            + " on " + owner.getSimpleName() + "." + component.getName() + ": teach it, so the document states it");
                }
            }
        }
        return false;
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** YAML of maps, lists and scalars; every string double-quoted (JSON escapes), so nothing is read as another type. */
    static String yaml(Object value) {
        StringBuilder out = new StringBuilder();
        writeYaml(out, value, 0, true);
        return out.toString();
    }

    private static void writeYaml(StringBuilder out, Object value, int indent, boolean inList) {
        String pad = " ".repeat(indent);
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append(" {}\n");
                return;
            }
            if (!inList) {
                out.append('\n');
            }
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(inList && first ? "" : pad).append(quote(String.valueOf(entry.getKey()))).append(':');
                first = false;
                writeValue(out, entry.getValue(), indent + 2);
            }
        } else {
            throw new IllegalArgumentException("the document root is a map");
        }
    }

    private static void writeValue(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?>) {
            writeYaml(out, value, indent, false);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent)).append("- ");
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    writeYaml(out, item, indent + 2, true);
                } else if (item instanceof Map<?, ?>) {
                    out.append("{}\n");
                } else {
                    out.append(scalar(item)).append('\n');
                }
            }
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static String scalar(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        return io.vertx.core.json.Json.encode(text);
    }
}
