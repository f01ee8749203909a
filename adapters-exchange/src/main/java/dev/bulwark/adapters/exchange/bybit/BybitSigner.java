package dev.bulwark.adapters.exchange.bybit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bybit v5's HMAC signature: lower-case hex of HMAC-SHA256 over {@code timestamp + apiKey + recvWindow + payload},
 * where the payload is the query string of a GET exactly as sent, or the JSON body of a POST exactly as sent.
 */
final class BybitSigner {
    private BybitSigner() {
    }

    static String stringToSign(long timestamp, String apiKey, long recvWindow, String payload) {
        return timestamp + apiKey + recvWindow + payload;
    }

    static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every JDK has HmacSHA256 and takes any key length; reaching this is a broken runtime
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
