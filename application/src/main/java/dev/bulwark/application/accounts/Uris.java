package dev.bulwark.application.accounts;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of a URI path segment (RFC 3986), for the account name in an {@code otpauth} URI. */
final class Uris {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Uris() {
    }

    /** Keeps RFC 3986's unreserved characters and {@code @} (authenticators show it as typed); encodes the rest as UTF-8. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
