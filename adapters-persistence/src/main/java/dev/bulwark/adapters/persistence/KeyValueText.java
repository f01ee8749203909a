package dev.bulwark.adapters.persistence;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A string map as text: {@code k=v&k=v}, keys sorted, each key and value URL-encoded (UTF-8). The same map always
 * gives the same text, the text reads with no JSON support on either engine, and encoding also keeps out what
 * PostgreSQL refuses in text (a NUL character). Audit entries' details and events' data are kept this way.
 */
public final class KeyValueText {
    private KeyValueText() {
    }

    public static String encode(Map<String, String> details) {
        StringJoiner text = new StringJoiner("&");
        // natural order whatever map arrives: new TreeMap<>(aSortedMap) would keep that map's own comparator
        TreeMap<String, String> sorted = new TreeMap<>(Comparator.naturalOrder());
        sorted.putAll(details);
        sorted.forEach((key, value) -> text.add(escape(key) + "=" + escape(value)));
        return text.toString();
    }

    public static Map<String, String> decode(String text) {
        Map<String, String> details = new TreeMap<>();
        if (text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("stored key/value text is not k=v pairs");
            }
            details.put(unescape(pair.substring(0, equals)), unescape(pair.substring(equals + 1)));
        }
        return details;
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
