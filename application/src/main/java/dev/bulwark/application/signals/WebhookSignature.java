package dev.bulwark.application.signals;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Bulwark-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} keyed with the
 * bot's secret (its UTF-8 bytes). Several {@code v1} values may be given (a sender signing with the old and the new
 * secret during a rotation); one matching is enough. Compared in constant time.
 */
record WebhookSignature(long timestamp, List<byte[]> signatures) {
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_SIGNATURES = 4;

    /** The header read, or null when it is not of that form. */
    static @Nullable WebhookSignature parse(String header) {
        if (header.length() > 400) {
            return null;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            String item = part.strip();
            if (item.startsWith("t=") && timestamp == null && TIMESTAMP.matcher(item.substring(2)).matches()) {
                timestamp = Long.parseLong(item.substring(2));
            } else if (item.startsWith("v1=") && HEX.matcher(item.substring(3)).matches()
                    && signatures.size() < MAX_SIGNATURES) {
                signatures.add(HexFormat.of().parseHex(item.substring(3)));
            } else if (!item.isEmpty() && !item.startsWith("v")) {
                return null; // unknown schemes (v0, v2) are skipped, as senders may add them; anything else is wrong
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return null;
        }
        return new WebhookSignature(timestamp, List.copyOf(signatures));
    }

    /** Whether one of the signatures is the HMAC of {@code t.body} under {@code secret}; always checks them all. */
    boolean signedWith(String secret, String body) {
        byte[] expected = hmac(secret, timestamp + "." + body);
        boolean match = false;
        for (byte[] signature : signatures) {
            match |= MessageDigest.isEqual(expected, signature);
        }
        return match;
    }

    static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA256", impossible);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[t=" + timestamp + "]";
    }
}
