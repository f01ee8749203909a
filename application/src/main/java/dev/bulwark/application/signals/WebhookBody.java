package dev.bulwark.application.signals;

import dev.bulwark.ports.errors.Invalid.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook body read into its top-level fields, the way TradingView and other senders write them.
 *
 * <p><b>Which reading.</b> A body whose first non-blank character is <code>{</code>, or any body sent as
 * {@code application/json} (or {@code …+json}), is read as one JSON object; anything else sent as
 * {@code text/plain} (or without a content type) is read as TradingView-style text: {@code key=value} pairs
 * separated by line breaks, commas, semicolons, {@code &} or blanks ({@code action=buy symbol=BTCUSDT}); a value
 * therefore holds no blank. Other content types are refused. TradingView sends {@code text/plain} whenever its
 * message is not valid JSON, so a JSON-looking text that does not parse is answered as malformed JSON, not guessed
 * at.
 *
 * <p><b>Fields.</b> Names are matched without regard to case, {@code _} or {@code -} ({@code stop_loss},
 * {@code StopLoss}); a name given twice is an error. JSON strings are decoded, numbers and literals kept as written,
 * {@code null} counts as absent, nested objects and arrays are kept as their text (they are no signal field).
 *
 * <p><b>The secret.</b> The {@code secret} field is read for authentication and cut out of {@link #kept()}, the
 * text that is stored: the member with its separator, so the rest of the body stays as it came.
 *
 * <p>Hand-written rather than a JSON library: the application depends on no parser framework, and a webhook needs
 * only a flat object. Depth is capped at {@value #MAX_DEPTH}; error messages give a position, never the content.
 */
final class WebhookBody {
    static final int MAX_DEPTH = 16;
    static final String SECRET = "secret";

    /** One top-level field: its name as sent, its value as text, and whether that value is a string or a number. */
    record Field(String name, String value, boolean scalar) {
    }

    private final Map<String, Field> fields;
    private final @Nullable String secret;
    private final String kept;
    private final List<FieldError> problems;

    private WebhookBody(Map<String, Field> fields, @Nullable String secret, String kept, List<FieldError> problems) {
        this.fields = Collections.unmodifiableMap(fields);
        this.secret = secret;
        this.kept = kept;
        this.problems = List.copyOf(problems);
    }

    /** The fields by their matching key ({@link #key}); without the secret. */
    Map<String, Field> fields() {
        return fields;
    }

    /** The body's {@code secret} field, when it has one as a string. */
    @Nullable String secret() {
        return secret;
    }

    /** The body as it came, without its secret field. */
    String kept() {
        return kept;
    }

    /** What makes the body unreadable (malformed, wrong content type, a field twice); empty when it reads. */
    List<FieldError> problems() {
        return problems;
    }

    /** The matching key of a field name: lower case, without {@code _} and {@code -}. */
    static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-') {
                key.append(Character.toLowerCase(c));
            }
        }
        return key.toString();
    }

    static WebhookBody read(String body, @Nullable String contentType) {
        String mime = mime(contentType);
        boolean json = mime != null && (mime.equals("application/json") || mime.endsWith("+json"));
        boolean text = mime == null || mime.equals("text/plain");
        if (!json && !text) {
            return failed(body, new FieldError("contentType", "send application/json or text/plain"));
        }
        int first = 0;
        while (first < body.length() && Character.isWhitespace(body.charAt(first))) {
            first++;
        }
        if (json || (first < body.length() && body.charAt(first) == '{')) {
            try {
                return new JsonReader(body).read();
            } catch (Malformed malformed) {
                return failed(body, new FieldError("body", "malformed JSON: " + malformed.getMessage()));
            }
        }
        return readText(body);
    }

    private static @Nullable String mime(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A body that cannot be read: nothing of it is trusted, not even a secret in it. */
    private static WebhookBody failed(String body, FieldError problem) {
        return new WebhookBody(Map.of(), null, body, List.of(problem));
    }

    /** Collects the members with their spans, then cuts the secret out of the text. */
    private static final class Builder {
        private final String body;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final List<int[]> spans = new ArrayList<>();
        private final List<FieldError> problems = new ArrayList<>();
        private int secretIndex = -1;
        private @Nullable String secret;

        Builder(String body) {
            this.body = body;
        }

        void add(String name, @Nullable String value, boolean scalar, int start, int end) {
            spans.add(new int[] {start, end});
            String key = key(name);
            if (key.equals(SECRET)) {
                if (secretIndex >= 0) {
                    problems.add(new FieldError(SECRET, "given twice"));
                }
                secretIndex = spans.size() - 1;
                secret = scalar ? value : null;
                return;
            }
            if (value == null) {
                return; // JSON null: absent
            }
            if (fields.putIfAbsent(key, new Field(name, value, scalar)) != null) {
                problems.add(new FieldError(name.length() > 40 ? name.substring(0, 40) : name, "given twice"));
            }
        }

        WebhookBody build() {
            String kept = body;
            if (secretIndex >= 0) {
                int[] span = spans.get(secretIndex);
                int from;
                int to;
                if (secretIndex + 1 < spans.size()) {
                    from = span[0];
                    to = spans.get(secretIndex + 1)[0];
                } else if (secretIndex > 0) {
                    from = spans.get(secretIndex - 1)[1];
                    to = span[1];
                } else {
                    from = span[0];
                    to = span[1];
                }
                kept = body.substring(0, from) + body.substring(to);
            }
            return new WebhookBody(fields, secret, kept, problems);
        }
    }

    private static WebhookBody readText(String body) {
        Builder builder = new Builder(body);
        int i = 0;
        int n = body.length();
        while (i < n) {
            while (i < n && separator(body.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !separator(body.charAt(i))) {
                i++;
            }
            String token = body.substring(start, i);
            int equals = token.indexOf('=');
            if (equals <= 0) {
                return failed(body, new FieldError("body",
                        "text bodies are key=value pairs (action=buy symbol=BTCUSDT), or send a JSON object"));
            }
            builder.add(token.substring(0, equals), token.substring(equals + 1), true, start, i);
        }
        return builder.build();
    }

    private static boolean separator(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&';
    }

    /** Why a JSON body does not parse; the message gives a position, never the content. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A strict reader of one JSON object (RFC 8259), keeping the span of each top-level member. */
    private static final class JsonReader {
        private final String text;
        private final Builder builder;
        private int pos;

        JsonReader(String text) {
            this.text = text;
            this.builder = new Builder(text);
        }

        WebhookBody read() throws Malformed {
            skipBlank();
            expect('{', "a JSON object");
            skipBlank();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipBlank();
                    int start = pos;
                    if (peek() != '"') {
                        throw fail("a field name");
                    }
                    String name = string();
                    skipBlank();
                    expect(':', "':'");
                    skipBlank();
                    char c = peek();
                    if (c == '"') {
                        String value = string();
                        builder.add(name, value, true, start, pos);
                    } else if (c == '{' || c == '[') {
                        int from = pos;
                        skipValue(1);
                        builder.add(name, text.substring(from, pos), false, start, pos);
                    } else if (c == 't' || c == 'f') {
                        String literal = c == 't' ? "true" : "false";
                        literal(literal);
                        builder.add(name, literal, false, start, pos);
                    } else if (c == 'n') {
                        literal("null");
                        builder.add(name, null, false, start, pos);
                    } else {
                        builder.add(name, number(), true, start, pos);
                    }
                    skipBlank();
                    char next = peek();
                    pos++;
                    if (next == '}') {
                        break;
                    }
                    if (next != ',') {
                        pos--;
                        throw fail("',' or '}'");
                    }
                }
            }
            skipBlank();
            if (pos != text.length()) {
                throw fail("the end of the body after the object");
            }
            return builder.build();
        }

        private void skipValue(int depth) throws Malformed {
            if (depth > MAX_DEPTH) {
                throw new Malformed("nested deeper than " + MAX_DEPTH + " levels");
            }
            char c = peek();
            switch (c) {
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    pos++;
                    skipBlank();
                    if (peek() == close) {
                        pos++;
                        return;
                    }
                    while (true) {
                        skipBlank();
                        if (c == '{') {
                            if (peek() != '"') {
                                throw fail("a field name");
                            }
                            string();
                            skipBlank();
                            expect(':', "':'");
                            skipBlank();
                        }
                        skipValue(depth + 1);
                        skipBlank();
                        char next = peek();
                        pos++;
                        if (next == close) {
                            return;
                        }
                        if (next != ',') {
                            pos--;
                            throw fail("',' or '" + close + "'");
                        }
                    }
                }
                default -> number();
            }
        }

        private String string() throws Malformed {
            pos++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw fail("the end of a string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw fail("no control character inside a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw fail("an escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw fail("four hex digits");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(text.charAt(pos++), 16);
                            if (digit < 0) {
                                pos--;
                                throw fail("four hex digits");
                            }
                            code = code * 16 + digit;
                        }
                        out.append((char) code);
                    }
                    default -> {
                        pos--;
                        throw fail("a valid escape");
                    }
                }
            }
        }

        private String number() throws Malformed {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw fail("a value");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw fail("a digit");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw fail("a digit");
                }
                digits();
            }
            return text.substring(start, pos);
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void literal(String literal) throws Malformed {
            if (!text.startsWith(literal, pos)) {
                throw fail("a value");
            }
            pos += literal.length();
        }

        private void expect(char c, String what) throws Malformed {
            if (peek() != c) {
                throw fail(what);
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipBlank() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private Malformed fail(String expected) {
            return new Malformed("expected " + expected + " at character " + (pos + 1));
        }
    }
}
