package dev.bulwark.host.vertx.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.bulwark.ports.errors.Invalid;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into plain values (maps, lists, strings, {@link BigDecimal}s, booleans, nulls) with the
 * limits an API needs: nesting at most {@value #MAX_DEPTH} deep, no duplicate keys, one value only, and numbers
 * kept exact (a price never passes through a {@code double}). Every failure is an {@link Invalid} that does not
 * quote the body (it may hold a secret).
 */
final class JsonReader {
    static final int MAX_DEPTH = 16;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).maxStringLength(1_000_000).build())
            .build();

    private JsonReader() {
    }

    /** The body as a JSON object; {@link Invalid} when it is empty, not JSON, too deep, or not an object. */
    static Map<String, @Nullable Object> readObject(byte[] body) {
        if (body.length == 0) {
            throw new Invalid("The request needs a JSON object body.");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Invalid("The body must be a JSON object.");
            }
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> value = (Map<String, @Nullable Object>) read(parser, first, 1);
            if (parser.nextToken() != null) {
                throw new Invalid("The body must hold one JSON object and nothing after it.");
            }
            return value;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.contains("Duplicate field")) {
                throw new Invalid("The body names a field twice.");
            }
            if (why != null && why.contains("nesting depth")) {
                throw new Invalid("The body is nested deeper than " + MAX_DEPTH + " levels.");
            }
            throw new Invalid("The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new Invalid("The body could not be read.");
        }
    }

    private static @Nullable Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new Invalid("The body is nested deeper than " + MAX_DEPTH + " levels.");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> object = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken(), depth + 1));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new Invalid("The body is not valid JSON.");
                }
                yield object;
            }
            case START_ARRAY -> {
                List<@Nullable Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new Invalid("The body is not valid JSON.");
                    }
                    array.add(read(parser, next, depth + 1));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new Invalid("The body is not valid JSON.");
        };
    }
}
