package dev.bulwark.adapters.exchange.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What fake venues recompute a signature with: HMAC-SHA256 straight from the JDK, independent of the adapters' own
 * signers, so a fake refuses what the documented algorithm would refuse. Plus the field names of a JSON body, for
 * checking documented required parameters.
 */
public final class Hmac {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hmac() {
    }

    public static String sha256Base64(String secret, String message) {
        return Base64.getEncoder().encodeToString(sha256(secret, message));
    }

    public static String sha256Hex(String secret, String message) {
        return HexFormat.of().formatHex(sha256(secret, message));
    }

    /** The top-level field names of a JSON object body; empty for anything else. */
    public static Set<String> bodyFields(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.isObject() ? Set.of()
                    : Set.copyOf(node.properties().stream().map(Map.Entry::getKey).toList());
        } catch (Exception e) {
            return Set.of();
        }
    }

    private static byte[] sha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
