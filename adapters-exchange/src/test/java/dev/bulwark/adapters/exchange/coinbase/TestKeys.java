package dev.bulwark.adapters.exchange.coinbase;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** P-256 key pairs and their private keys in the two PEM forms Coinbase keys arrive in. */
final class TestKeys {
    private TestKeys() {
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** The SEC1 ECPrivateKey inside the PKCS#8 encoding, as {@code BEGIN EC PRIVATE KEY}. */
    static String sec1Pem(KeyPair pair) {
        return pem("EC PRIVATE KEY", sec1(pair.getPrivate().getEncoded()));
    }

    static byte[] sec1(byte[] pkcs8) {
        int at = 1;
        at += (pkcs8[at] & 0x80) == 0 ? 1 : 1 + (pkcs8[at] & 0x7F); // outer SEQUENCE length
        at += 3; // INTEGER 0
        at += 2 + (pkcs8[at + 1] & 0xFF); // AlgorithmIdentifier
        if (pkcs8[at] != 0x04) {
            throw new IllegalStateException("no OCTET STRING where the SEC1 key should be");
        }
        at++;
        int length;
        if ((pkcs8[at] & 0x80) == 0) {
            length = pkcs8[at];
            at++;
        } else {
            int bytes = pkcs8[at] & 0x7F;
            length = 0;
            for (int i = 1; i <= bytes; i++) {
                length = (length << 8) | (pkcs8[at + i] & 0xFF);
            }
            at += 1 + bytes;
        }
        return Arrays.copyOfRange(pkcs8, at, at + length);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
