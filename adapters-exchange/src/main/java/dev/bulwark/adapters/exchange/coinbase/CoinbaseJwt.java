package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The JWT Coinbase's CDP keys sign each request with (github.com/coinbase/coinbase-advanced-py,
 * {@code coinbase/jwt_generator.py}): header {@code {"alg":"ES256","kid":<key name>,"nonce":<random hex>,
 * "typ":"JWT"}}, claims {@code {"sub":<key name>,"iss":"cdp","nbf":now,"exp":now+120,"uri":"<METHOD>
 * <host><path>"}}, signed with ECDSA P-256 over SHA-256, the signature in JOSE's raw {@code R||S} form (64 bytes),
 * not DER. Sent as {@code Authorization: Bearer <jwt>}.
 *
 * <p>The key's secret is a PEM EC private key as Coinbase hands it out: SEC1 ({@code BEGIN EC PRIVATE KEY}),
 * which is wrapped into PKCS#8 for the JDK, or PKCS#8 ({@code BEGIN PRIVATE KEY}); line breaks may arrive as
 * literal {@code \n} when copied from Coinbase's JSON file. Holds the parsed key, never shown by
 * {@link #toString()}. Thread-safe.
 */
final class CoinbaseJwt {
    /** How long a token is valid: Coinbase's SDK uses two minutes. */
    static final long LIFETIME_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** AlgorithmIdentifier of an EC key on P-256: id-ecPublicKey with the prime256v1 curve. */
    private static final byte[] EC_P256_ALGORITHM = HexFormat.of().parseHex("301306072a8648ce3d020106082a8648ce3d030107");

    private final String keyName;
    private final PrivateKey key;
    private final SecureRandom random = new SecureRandom();

    private CoinbaseJwt(String keyName, PrivateKey key) {
        this.keyName = keyName;
        this.key = key;
    }

    /**
     * A signer for the key named {@code keyName} ({@code organizations/<org>/apiKeys/<id>}) with its PEM secret.
     *
     * @throws IllegalArgumentException when the secret is not a PEM EC P-256 private key (never quoting it)
     */
    static CoinbaseJwt of(String keyName, String pem) {
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(pem, "pem");
        String text = pem.replace("\\n", "\n").strip();
        boolean sec1 = text.startsWith("-----BEGIN EC PRIVATE KEY-----");
        boolean pkcs8 = text.startsWith("-----BEGIN PRIVATE KEY-----");
        if (!sec1 && !pkcs8) {
            throw new IllegalArgumentException("a Coinbase API secret is a PEM EC private key (BEGIN EC PRIVATE KEY"
                    + " or BEGIN PRIVATE KEY); Ed25519 keys are not supported yet, create an ECDSA key");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Coinbase API secret's PEM body is not base64");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sec1 ? wrap(der) : der));
            if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("the Coinbase API secret is not a P-256 key, which ES256 needs");
            }
            return new CoinbaseJwt(keyName, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Coinbase API secret is not a readable EC private key");
        }
    }

    /** A token for one request: {@code method} and {@code hostAndPath} ({@code api.coinbase.com/api/v3/...}). */
    String token(String method, String hostAndPath, Instant now) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("kid", keyName)
                .put("nonce", HexFormat.of().formatHex(nonce)).put("typ", "JWT");
        long seconds = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("sub", keyName).put("iss", "cdp").put("nbf", seconds)
                .put("exp", seconds + LIFETIME_SECONDS).put("uri", method + " " + hostAndPath);
        String signingInput = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            // the P1363 form is JOSE's R||S: 32 bytes each for P-256
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with ECDSA P-256", e);
        }
    }

    /** PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey: version 0, the P-256 algorithm, the SEC1 bytes. */
    private static byte[] wrap(byte[] sec1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(EC_P256_ALGORITHM);
        content.writeBytes(tlv(0x04, sec1));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "CoinbaseJwt[key=" + (keyName.length() > 8 ? "..." + keyName.substring(keyName.length() - 4) : "***")
                + ", secret=***]";
    }
}
