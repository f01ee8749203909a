package dev.bulwark.adapters.persistence.vault;

import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.SecretUnavailable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret vault: AES-256-GCM envelope encryption under a {@link MasterKeyRing}.
 *
 * <p>Sealing draws a fresh 256-bit data key and encrypts the secret's UTF-8 bytes with it; the data key is then
 * encrypted ("wrapped") with the ring's current master key. Both encryptions are AES/GCM/NoPadding with their own
 * random 12-byte nonce and a 128-bit tag, and both authenticate the same associated data: the format version, the
 * master key id, the owner workspace and the subject, each length-prefixed, plus a label telling the two apart.
 * So an envelope copied to another row or workspace, or relabelled with another key id, does not open.
 *
 * <p>The envelope is one line of text, six parts separated by dots:
 * <pre>
 *   bwv1.&lt;keyId&gt;.&lt;wrapNonce&gt;.&lt;wrappedKey&gt;.&lt;nonce&gt;.&lt;ciphertext&gt;
 * </pre>
 * {@code bwv1} names the format (a later format gets a new prefix, and this class keeps opening the old one);
 * {@code keyId} is the {@link MasterKey#id() id} of the master key that wrapped the data key; the other parts are
 * unpadded base64url: the wrap nonce (12 bytes), the wrapped data key (32 bytes + 16-byte tag), the nonce
 * (12 bytes) and the ciphertext (the secret's length + 16-byte tag). Only the canonical base64url of each part is
 * accepted, so no two texts open as the same envelope. A sealed secret is at most 4,000 characters
 * ({@link SealedSecret}), which caps a secret at {@value #MAX_SECRET_BYTES} UTF-8 bytes with a fingerprint key id.
 *
 * <p>Failures close: a malformed envelope, a key id that is not in the ring, a wrong binding or any altered bit
 * throw {@link SecretUnavailable}, whose message names the subject and, at most, the key id, never secret
 * material, and carries no cause. Every successful {@link #open} appends one {@code secret.open} audit entry
 * before it returns the secret, so a secret is never handed out unaudited (if the append fails, the secret is not
 * returned). A failed opening appends nothing: the audit log joins the caller's transaction, which a failure
 * usually rolls back, so such an entry would mostly vanish; it is logged as a warning instead (who, what, why).
 *
 * <p>Nonces are random, so one master key stays within GCM's bound for random 96-bit nonces (NIST SP 800-38D:
 * at most 2^32 encryptions per key) for about four billion seals; rotating to a new master key starts afresh.
 * Data keys are used once each, so their nonces never repeat.
 *
 * <p>Thread-safe: ciphers are created per call and the ring is immutable.
 */
public final class EnvelopeVault implements SecretVault {
    static final String VERSION = "bwv1";
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int DATA_KEY_BYTES = 32;
    /** What {@link SealedSecret} holds at most. */
    static final int MAX_ENVELOPE_CHARS = 4_000;
    /** The largest secret (UTF-8 bytes) that fits in an envelope with a 16-character key id. */
    public static final int MAX_SECRET_BYTES = 2_893;

    private static final Logger log = LoggerFactory.getLogger(EnvelopeVault.class);
    private static final String ACTION_OPEN = "secret.open";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final byte[] WRAP_LABEL = "bulwark/vault/data-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_LABEL = "bulwark/vault/secret".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final MasterKeyRing ring;
    private final AuditLog audit;
    private final TimeSource time;
    private final IdGenerator ids;
    private final SecureRandom random;

    public EnvelopeVault(MasterKeyRing ring, AuditLog audit, TimeSource time, IdGenerator ids) {
        this(ring, audit, time, ids, new SecureRandom());
    }

    public EnvelopeVault(MasterKeyRing ring, AuditLog audit, TimeSource time, IdGenerator ids, SecureRandom random) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @throws Invalid when the secret is not valid Unicode text (an unpaired surrogate) or too long for an envelope
     */
    @Override
    public SealedSecret seal(String plaintext, SecretBinding binding) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(binding, "binding");
        byte[] secret = utf8(plaintext);
        try {
            return seal(secret, binding);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String open(SealedSecret sealed, SecretBinding binding, SecretUse use) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(use, "use");
        Envelope envelope;
        byte[] secret;
        try {
            envelope = Envelope.parse(sealed.envelope(), binding);
            secret = decrypt(envelope, binding);
        } catch (SecretUnavailable e) {
            log.warn("secret.open failed: workspace={} subject={} actor={} purpose={} correlationId={}: {}",
                    binding.owner(), binding.subject(), use.actor(), use.purpose(), use.correlationId(), e.getMessage());
            throw e;
        }
        try {
            String plaintext = text(secret, binding);
            audit.append(new AuditEntry(ids.newId(), binding.owner(), use.actor(), ACTION_OPEN, binding.subject(),
                    use.correlationId(), null, null, time.now(),
                    Map.of("purpose", use.purpose(), "key-id", envelope.keyId())));
            return plaintext;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A fresh envelope (new data key, new nonces) under the current key, after checking the old one opens. */
    @Override
    public SealedSecret reseal(SealedSecret sealed, SecretBinding binding) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(binding, "binding");
        byte[] secret = decrypt(Envelope.parse(sealed.envelope(), binding), binding);
        try {
            return seal(secret, binding);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Reads the key id only; it does not authenticate the envelope (that takes the binding: {@link #reseal}).
     * A malformed envelope is not current.
     */
    @Override
    public boolean isCurrent(SealedSecret sealed) {
        Objects.requireNonNull(sealed, "sealed");
        try {
            return Envelope.parse(sealed.envelope(), null).keyId().equals(ring.current().id());
        } catch (SecretUnavailable malformed) {
            return false;
        }
    }

    private SealedSecret seal(byte[] secret, SecretBinding binding) {
        MasterKey master = ring.current();
        int length = envelopeLength(master.id(), secret.length);
        if (length > MAX_ENVELOPE_CHARS) {
            throw new Invalid("the secret is too long: it is " + secret.length + " bytes in UTF-8, and a sealed secret holds at most "
                    + maxSecretBytes(master.id()) + " bytes");
        }
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            byte[] wrapNonce = nonce();
            byte[] wrappedKey = gcm(Cipher.ENCRYPT_MODE, master.secretKey(), wrapNonce,
                    associatedData(WRAP_LABEL, master.id(), binding), dataKey);
            byte[] nonce = nonce();
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), nonce,
                    associatedData(SECRET_LABEL, master.id(), binding), secret);
            return new SealedSecret(new Envelope(master.id(), wrapNonce, wrappedKey, nonce, ciphertext).text());
        } catch (AEADBadTagException impossible) {
            throw new IllegalStateException("AES/GCM failed to encrypt");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The secret's UTF-8 bytes; the caller wipes them. */
    private byte[] decrypt(Envelope envelope, SecretBinding binding) {
        MasterKey master = ring.find(envelope.keyId()).orElseThrow(() -> new SecretUnavailable("the secret of "
                + binding.subject() + " was sealed under master key " + envelope.keyId()
                + ", which is not configured: add that key back to " + MasterKeyRing.RETIRING_KEYS_VARIABLE
                + " and reseal the secret"));
        byte[] dataKey = null;
        try {
            dataKey = gcm(Cipher.DECRYPT_MODE, master.secretKey(), envelope.wrapNonce(),
                    associatedData(WRAP_LABEL, master.id(), binding), envelope.wrappedKey());
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), envelope.nonce(),
                    associatedData(SECRET_LABEL, master.id(), binding), envelope.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretUnavailable("the secret of " + binding.subject() + " does not open: it was altered,"
                    + " it belongs to another workspace or subject, or master key " + master.id() + " is not the key it was sealed with");
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] gcm(int mode, Key key, byte[] nonce, byte[] associatedData, byte[] input) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // a JDK without AES/GCM, or a wrong key size: a broken installation, not a bad envelope
            throw new IllegalStateException("AES/GCM is not usable in this JDK: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What both encryptions authenticate: a label, the format version, the key id, the owner and the subject,
     * each prefixed by its length, so no two different bindings produce the same bytes.
     */
    static byte[] associatedData(byte[] label, String keyId, SecretBinding binding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (byte[] field : new byte[][] {label, bytes(VERSION), bytes(keyId), bytes(binding.owner().value().toString()),
                bytes(binding.subject())}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Strict UTF-8: {@link String#getBytes} would silently turn an unpaired surrogate into '?'. */
    private static byte[] utf8(String plaintext) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(plaintext));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } catch (CharacterCodingException e) {
            throw new Invalid("the secret is not valid Unicode text (it holds an unpaired surrogate)");
        }
    }

    private static String text(byte[] secret, SecretBinding binding) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(secret))
                    .toString();
        } catch (CharacterCodingException e) {
            // authentic but not text: sealed by something other than this vault
            throw new SecretUnavailable("the secret of " + binding.subject() + " is not UTF-8 text");
        }
    }

    static int envelopeLength(String keyId, int secretBytes) {
        return VERSION.length() + 5 + keyId.length() + b64Length(NONCE_BYTES) + b64Length(DATA_KEY_BYTES + TAG_BYTES)
                + b64Length(NONCE_BYTES) + b64Length(secretBytes + TAG_BYTES);
    }

    static int maxSecretBytes(String keyId) {
        int bytes = 0;
        while (envelopeLength(keyId, bytes + 1) <= MAX_ENVELOPE_CHARS) {
            bytes++;
        }
        return bytes;
    }

    private static int b64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    @Override
    public String toString() {
        return "EnvelopeVault[current key " + ring.current().id() + ", " + ring.retiring().size() + " retiring]";
    }

    /** An envelope's parts, decoded. Its arrays are its own: nothing outside this class holds them. */
    record Envelope(String keyId, byte[] wrapNonce, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {

        String text() {
            return String.join(".", VERSION, keyId, B64.encodeToString(wrapNonce), B64.encodeToString(wrappedKey),
                    B64.encodeToString(nonce), B64.encodeToString(ciphertext));
        }

        /** @param binding whose envelope it is, for the failure's message */
        static Envelope parse(String text, @Nullable SecretBinding binding) {
            String whose = binding == null ? "the sealed secret" : "the sealed secret of " + binding.subject();
            String[] parts = text.split("\\.", -1);
            if (parts.length != 6 || !parts[0].equals(VERSION)) {
                throw malformed(whose, "it is not a " + VERSION + " envelope");
            }
            String keyId = parts[1];
            if (!keyId.matches("[0-9A-Za-z_-]{1,32}")) {
                throw malformed(whose, "its key id is not well-formed");
            }
            byte[] wrapNonce = part(parts[2], "wrap nonce", whose);
            byte[] wrappedKey = part(parts[3], "wrapped key", whose);
            byte[] nonce = part(parts[4], "nonce", whose);
            byte[] ciphertext = part(parts[5], "ciphertext", whose);
            if (wrapNonce.length != NONCE_BYTES || nonce.length != NONCE_BYTES) {
                throw malformed(whose, "a nonce is not " + NONCE_BYTES + " bytes");
            }
            if (wrappedKey.length != DATA_KEY_BYTES + TAG_BYTES) {
                throw malformed(whose, "its wrapped key is not " + (DATA_KEY_BYTES + TAG_BYTES) + " bytes");
            }
            if (ciphertext.length < TAG_BYTES) {
                throw malformed(whose, "its ciphertext is shorter than a tag");
            }
            return new Envelope(keyId, wrapNonce, wrappedKey, nonce, ciphertext);
        }

        /** Canonical unpadded base64url only: a second spelling of the same bytes is refused. */
        private static byte[] part(String text, String name, String whose) {
            byte @Nullable [] decoded;
            try {
                decoded = B64_DECODER.decode(text);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
            if (decoded == null || !B64.encodeToString(decoded).equals(text)) {
                throw malformed(whose, "its " + name + " is not canonical base64url");
            }
            return decoded;
        }

        private static SecretUnavailable malformed(String whose, String why) {
            return new SecretUnavailable(whose + " is malformed: " + why);
        }

        @Override
        public String toString() {
            return "Envelope[keyId=" + keyId + ", ****]";
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Envelope that && text().equals(that.text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }
    }
}
