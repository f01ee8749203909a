package dev.bulwark.adapters.persistence.vault;

import static dev.bulwark.adapters.persistence.vault.VaultFixtures.T0;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.assertHoldsNone;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.key;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.keyBytes;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.spellingsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.adapters.persistence.vault.EnvelopeVault.Envelope;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.SecretUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeVaultTest {
    private static final WorkspaceId OWNER = new WorkspaceId(UUID.fromString("0190f1a2-0000-7000-8000-00000000000a"));
    private static final WorkspaceId OTHER_OWNER = new WorkspaceId(UUID.fromString("0190f1a2-0000-7000-8000-00000000000b"));
    private static final SecretBinding BINDING = new SecretBinding(OWNER, "venue-account:0190f1a2-aaaa");
    private static final SecretUse USE = new SecretUse("user:0190f1a2-cafe", "place-order", "corr-42");
    private static final String SECRET = "hunter2-api-secret-Zq8vP";

    private static final MasterKey A = key(1);
    private static final MasterKey B = key(101);

    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    private EnvelopeVault vault(MasterKeyRing ring) {
        return new EnvelopeVault(ring, audit, () -> T0, new CountingIds());
    }

    private EnvelopeVault vaultA() {
        return vault(MasterKeyRing.of(A));
    }

    // ---------------------------------------------------------------------------------------------- round trip

    @ParameterizedTest
    @ValueSource(strings = {SECRET, "", " ", "x", "pässwörd ✓ 秘密 🔑", "line one\nline two\ttab\u0000nul"})
    void aSealedSecretOpensToItself(String secret) {
        var vault = vaultA();

        assertThat(vault.open(vault.seal(secret, BINDING), BINDING, USE)).isEqualTo(secret);
    }

    @Test
    void theLargestSecretAnEnvelopeHoldsRoundTripsInUnicode() {
        // 1-, 2-, 3- and 4-byte UTF-8 characters, up to exactly the limit
        String secret = unicodeOfUtf8Bytes(EnvelopeVault.MAX_SECRET_BYTES);
        var vault = vaultA();

        SealedSecret sealed = vault.seal(secret, BINDING);

        assertThat(sealed.envelope()).hasSizeLessThanOrEqualTo(EnvelopeVault.MAX_ENVELOPE_CHARS);
        assertThat(vault.open(sealed, BINDING, USE)).isEqualTo(secret);
    }

    @Test
    void aSecretOfFourKibibytesIsTooLongForAnEnvelopeAndSaysSoWithoutQuotingIt() {
        // SealedSecret holds at most 4,000 characters: 4 KiB of secret would be about 5,600 in base64
        String secret = unicodeOfUtf8Bytes(4096);

        Throwable failure = catchThrowable(() -> vaultA().seal(secret, BINDING));

        assertThat(failure).isInstanceOf(Invalid.class)
                .hasMessageContaining("too long").hasMessageContaining(String.valueOf(EnvelopeVault.MAX_SECRET_BYTES));
        assertHoldsNone(failure, List.of(secret, secret.substring(0, 20)));
    }

    @Test
    void theDocumentedLimitIsTheOneAFingerprintKeyIdGives() {
        assertThat(EnvelopeVault.maxSecretBytes(A.id())).isEqualTo(EnvelopeVault.MAX_SECRET_BYTES);
        assertThat(EnvelopeVault.envelopeLength(A.id(), EnvelopeVault.MAX_SECRET_BYTES)).isLessThanOrEqualTo(4_000);
        assertThat(EnvelopeVault.envelopeLength(A.id(), EnvelopeVault.MAX_SECRET_BYTES + 1)).isGreaterThan(4_000);
    }

    @Test
    void aSecretWithAnUnpairedSurrogateIsRefusedRatherThanSealedAsAQuestionMark() {
        assertThatThrownBy(() -> vaultA().seal("abc\uD800def", BINDING)).isInstanceOf(Invalid.class)
                .hasMessageNotContaining("abc");
    }

    @Test
    void twoSealsOfTheSameSecretShareNoPartButTheKeyId() {
        var vault = vaultA();

        Envelope first = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);
        Envelope second = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);

        assertThat(first.keyId()).isEqualTo(second.keyId()).isEqualTo(A.id());
        assertThat(first.wrapNonce()).isNotEqualTo(second.wrapNonce());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void theEnvelopeIsTheDocumentedSixPartsAndHoldsNoPlaintext() {
        String envelope = vaultA().seal(SECRET, BINDING).envelope();

        String[] parts = envelope.split("\\.", -1);
        assertThat(parts).hasSize(6);
        assertThat(parts[0]).isEqualTo("bwv1");
        assertThat(parts[1]).isEqualTo(A.id());
        assertThat(envelope).matches("[0-9A-Za-z_.-]+").doesNotContain(SECRET);
        var parsed = Envelope.parse(envelope, null);
        assertThat(parsed.wrapNonce()).hasSize(12);
        assertThat(parsed.wrappedKey()).hasSize(32 + 16);
        assertThat(parsed.nonce()).hasSize(12);
        assertThat(parsed.ciphertext()).hasSize(SECRET.length() + 16);
    }

    // ------------------------------------------------------------------------------------------------- tamper

    /** Each part of the envelope, and a bit flipped at the start, middle or end of its bytes. */
    private static List<UnaryOperator<Envelope>> bitFlips() {
        List<UnaryOperator<Envelope>> flips = new ArrayList<>();
        for (int part = 0; part < 4; part++) {
            for (String where : List.of("first", "middle", "last")) {
                for (int bit = 0; bit < 8; bit += 7) {
                    int p = part;
                    int b = bit;
                    flips.add(e -> {
                        byte[][] parts = {e.wrapNonce().clone(), e.wrappedKey().clone(), e.nonce().clone(), e.ciphertext().clone()};
                        byte[] bytes = parts[p];
                        int i = switch (where) {
                            case "first" -> 0;
                            case "middle" -> bytes.length / 2;
                            default -> bytes.length - 1; // inside the GCM tag of the wrapped key and the ciphertext
                        };
                        bytes[i] ^= (byte) (1 << b);
                        return new Envelope(e.keyId(), parts[0], parts[1], parts[2], parts[3]);
                    });
                }
            }
        }
        return flips;
    }

    @Test
    void aBitFlippedInAnyPartFailsClosed() {
        var vault = vaultA();
        Envelope original = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);

        for (UnaryOperator<Envelope> flip : bitFlips()) {
            var tampered = new SealedSecret(flip.apply(original).text());
            assertThat(tampered.envelope()).isNotEqualTo(original.text());

            Throwable failure = catchThrowable(() -> vault.open(tampered, BINDING, USE));

            assertThat(failure).isInstanceOf(SecretUnavailable.class).hasMessageContaining("does not open");
            assertThat(failure.getCause()).isNull();
        }
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void theTagsAreTheLastSixteenBytesAndAFlipThereFailsToo() {
        var vault = vaultA();
        Envelope e = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);
        for (int i = 1; i <= 16; i++) {
            byte[] wrappedKey = e.wrappedKey().clone();
            byte[] ciphertext = e.ciphertext().clone();
            wrappedKey[wrappedKey.length - i] ^= 0x10;
            ciphertext[ciphertext.length - i] ^= 0x10;

            var badWrapTag = new SealedSecret(new Envelope(e.keyId(), e.wrapNonce(), wrappedKey, e.nonce(), e.ciphertext()).text());
            var badTag = new SealedSecret(new Envelope(e.keyId(), e.wrapNonce(), e.wrappedKey(), e.nonce(), ciphertext).text());

            assertThatThrownBy(() -> vault.open(badWrapTag, BINDING, USE)).isInstanceOf(SecretUnavailable.class);
            assertThatThrownBy(() -> vault.open(badTag, BINDING, USE)).isInstanceOf(SecretUnavailable.class);
        }
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void aBitFlippedInTheKeyIdFailsClosed() {
        var vault = vault(new MasterKeyRing(A, List.of(B)));
        Envelope original = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);

        for (int i = 0; i < original.keyId().length(); i++) {
            for (int bit = 0; bit < 7; bit++) {
                char[] id = original.keyId().toCharArray();
                id[i] ^= (char) (1 << bit);
                String text = String.join(".", "bwv1", new String(id),
                        original.text().split("\\.", 3)[2]);
                var tampered = new SealedSecret(text);

                assertThatThrownBy(() -> vault.open(tampered, BINDING, USE)).isInstanceOf(SecretUnavailable.class);
            }
        }
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void relabellingAnEnvelopeWithAnotherKnownKeyIdFailsClosed() {
        var vault = vault(new MasterKeyRing(A, List.of(B)));
        Envelope original = Envelope.parse(vault.seal(SECRET, BINDING).envelope(), null);
        var relabelled = new SealedSecret(new Envelope(B.id(), original.wrapNonce(), original.wrappedKey(), original.nonce(),
                original.ciphertext()).text());

        assertThatThrownBy(() -> vault.open(relabelled, BINDING, USE)).isInstanceOf(SecretUnavailable.class);
    }

    @Test
    void anyOneCharacterOfTheEnvelopeChangedFailsClosed() {
        // exhaustive over positions: canonical base64url only, so no second spelling of the same bytes opens
        var vault = vaultA();
        String envelope = vault.seal(SECRET, BINDING).envelope();

        for (int i = 0; i < envelope.length(); i++) {
            for (char replacement : new char[] {'A', 'B', 'g', '-', '_', '0', '.'}) {
                if (envelope.charAt(i) == replacement) {
                    continue;
                }
                var changed = new SealedSecret(envelope.substring(0, i) + replacement + envelope.substring(i + 1));

                assertThatThrownBy(() -> vault.open(changed, BINDING, USE))
                        .as("character %d set to %s", i, replacement).isInstanceOf(SecretUnavailable.class);
            }
        }
        assertThat(audit.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not an envelope",
            "bwv2.0123456789abcdef.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.a.b.c.d.e",
            "bwv1..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.key.id.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA.AAA*.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA==.AAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAA",
            "bwv1.0123456789abcdef.AAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            ".bwv1.0123456789abcdef.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
    })
    void aMalformedEnvelopeFailsClosedAndIsNotCurrent(String text) {
        var vault = vaultA();
        var sealed = new SealedSecret(text);

        assertThatThrownBy(() -> vault.open(sealed, BINDING, USE)).isInstanceOf(SecretUnavailable.class)
                .hasMessageStartingWith("the sealed secret of " + BINDING.subject() + " is malformed: ").hasNoCause();
        assertThatThrownBy(() -> vault.reseal(sealed, BINDING)).isInstanceOf(SecretUnavailable.class);
        assertThat(vault.isCurrent(sealed)).isFalse();
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void aWellFormedEnvelopeOfRandomBytesUnderTheCurrentKeyIdFailsClosed() {
        String forged = new Envelope(A.id(), new byte[12], new byte[48], new byte[12], new byte[16]).text();

        assertThatThrownBy(() -> vaultA().open(new SealedSecret(forged), BINDING, USE))
                .isInstanceOf(SecretUnavailable.class).hasMessageContaining("does not open");
    }

    // ------------------------------------------------------------------------------------------------ binding

    @Test
    void anEnvelopeCopiedToAnotherWorkspaceOrSubjectDoesNotOpen() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);

        for (SecretBinding elsewhere : List.of(
                new SecretBinding(OTHER_OWNER, BINDING.subject()),
                new SecretBinding(OWNER, "venue-account:0190f1a2-bbbb"),
                new SecretBinding(OWNER, BINDING.subject() + " "),
                new SecretBinding(OTHER_OWNER, "bot:0190f1a2-cccc"))) {
            assertThatThrownBy(() -> vault.open(sealed, elsewhere, USE))
                    .isInstanceOf(SecretUnavailable.class).hasMessageContaining("another workspace or subject");
            assertThatThrownBy(() -> vault.reseal(sealed, elsewhere)).isInstanceOf(SecretUnavailable.class);
        }
        assertThat(vault.open(sealed, BINDING, USE)).isEqualTo(SECRET);
    }

    @Test
    void anEnvelopeOfAnotherRingDoesNotOpen() {
        SealedSecret sealedUnderB = vault(MasterKeyRing.of(B)).seal(SECRET, BINDING);

        assertThatThrownBy(() -> vaultA().open(sealedUnderB, BINDING, USE))
                .isInstanceOf(SecretUnavailable.class).hasMessageContaining("not configured").hasMessageContaining(B.id());
        assertThat(vaultA().isCurrent(sealedUnderB)).isFalse();
    }

    @Test
    void aWrongKeyUnderTheSameIdDoesNotOpen() {
        var impostor = new MasterKey(A.id(), keyBytes(200));
        SealedSecret sealed = vaultA().seal(SECRET, BINDING);

        assertThatThrownBy(() -> vault(MasterKeyRing.of(impostor)).open(sealed, BINDING, USE))
                .isInstanceOf(SecretUnavailable.class).hasMessageContaining("does not open");
    }

    // ----------------------------------------------------------------------------------------------- rotation

    @Test
    void rotationResealsUnderTheNewKeyAndTheOldEnvelopeDiesWithTheOldKey() {
        SealedSecret old = vault(MasterKeyRing.of(A)).seal(SECRET, BINDING);
        assertThat(vault(MasterKeyRing.of(A)).isCurrent(old)).isTrue();

        var rotating = vault(new MasterKeyRing(B, List.of(A)));
        assertThat(rotating.isCurrent(old)).isFalse();
        assertThat(rotating.open(old, BINDING, USE)).isEqualTo(SECRET);

        SealedSecret resealed = rotating.reseal(old, BINDING);
        assertThat(rotating.isCurrent(resealed)).isTrue();
        assertThat(Envelope.parse(resealed.envelope(), null).keyId()).isEqualTo(B.id());

        var retired = vault(MasterKeyRing.of(B));
        assertThat(retired.isCurrent(resealed)).isTrue();
        assertThat(retired.open(resealed, BINDING, USE)).isEqualTo(SECRET);
        assertThatThrownBy(() -> retired.open(old, BINDING, USE)).isInstanceOf(SecretUnavailable.class)
                .hasMessageContaining(A.id()).hasMessageContaining("not configured");
    }

    @Test
    void resealingACurrentEnvelopeGivesAFreshOneThatStillOpens() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);

        SealedSecret resealed = vault.reseal(sealed, BINDING);

        assertThat(resealed.envelope()).isNotEqualTo(sealed.envelope());
        assertThat(vault.open(resealed, BINDING, USE)).isEqualTo(SECRET);
    }

    @Test
    void resealKeepsTheBinding() {
        var vault = vault(new MasterKeyRing(B, List.of(A)));
        SealedSecret resealed = vault.reseal(vault(MasterKeyRing.of(A)).seal(SECRET, BINDING), BINDING);

        assertThatThrownBy(() -> vault.open(resealed, new SecretBinding(OTHER_OWNER, BINDING.subject()), USE))
                .isInstanceOf(SecretUnavailable.class);
    }

    // -------------------------------------------------------------------------------------------------- audit

    @Test
    void everyOpeningAppendsExactlyOneEntryNamingWhoWhatWhyAndWhen() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);
        assertThat(audit.all()).as("sealing is not a use").isEmpty();

        vault.open(sealed, BINDING, USE);

        assertThat(audit.all()).containsExactly(new AuditEntry(CountingIds.id(1), OWNER, USE.actor(), "secret.open",
                BINDING.subject(), "corr-42", null, null, T0, Map.of("purpose", "place-order", "key-id", A.id())));

        vault.open(sealed, BINDING, new SecretUse("bot:0190f1a2-b0b0", "sign-request", null));

        assertThat(audit.all()).hasSize(2);
        AuditEntry second = audit.all().get(1);
        assertThat(second.id()).isEqualTo(CountingIds.id(2));
        assertThat(second.actor()).isEqualTo("bot:0190f1a2-b0b0");
        assertThat(second.correlationId()).isNull();
        assertThat(second.details()).isEqualTo(Map.of("purpose", "sign-request", "key-id", A.id()));
        assertThat(audit.list(OWNER, BINDING.subject(), null, 10)).hasSize(2);
        assertThat(audit.list(OTHER_OWNER, null, null, 10)).isEmpty();
    }

    @Test
    void theAuditEntryHoldsNoSecretMaterial() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);
        vault.open(sealed, BINDING, USE);

        assertHoldsNone(audit.all().toString(), secretMaterial(sealed));
    }

    @Test
    void failedOpeningsAndResealsAppendNothing() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);

        catchThrowable(() -> vault.open(sealed, new SecretBinding(OTHER_OWNER, BINDING.subject()), USE));
        catchThrowable(() -> vault.open(new SealedSecret("bwv1.garbage"), BINDING, USE));
        catchThrowable(() -> vault(MasterKeyRing.of(B)).open(sealed, BINDING, USE));
        vault.reseal(sealed, BINDING);

        assertThat(audit.all()).isEmpty();
    }

    @Test
    void whenTheAuditLogFailsTheSecretIsNotHandedOut() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);
        audit.failFromNowOn();

        Throwable failure = catchThrowable(() -> vault.open(sealed, BINDING, USE));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("the audit log is down");
    }

    // ------------------------------------------------------------------------------------ no secret material

    private static List<String> secretMaterial(SealedSecret sealed) {
        List<String> material = new ArrayList<>(List.of(SECRET, sealed.envelope()));
        material.addAll(spellingsOf(keyBytes(1)));
        material.addAll(spellingsOf(keyBytes(101)));
        String[] parts = sealed.envelope().split("\\.");
        material.addAll(List.of(parts[2], parts[3], parts[4], parts[5]));
        return material;
    }

    @Test
    void noFailureMessageOrToStringCarriesSecretMaterial() {
        var vault = vaultA();
        SealedSecret sealed = vault.seal(SECRET, BINDING);
        List<String> material = secretMaterial(sealed);
        Envelope e = Envelope.parse(sealed.envelope(), null);
        byte[] ciphertext = e.ciphertext().clone();
        ciphertext[0] ^= 1;

        List<Throwable> failures = List.of(
                catchThrowable(() -> vault.open(sealed, new SecretBinding(OTHER_OWNER, BINDING.subject()), USE)),
                catchThrowable(() -> vault.open(new SealedSecret(new Envelope(e.keyId(), e.wrapNonce(), e.wrappedKey(),
                        e.nonce(), ciphertext).text()), BINDING, USE)),
                catchThrowable(() -> vault.open(new SealedSecret(sealed.envelope() + "A"), BINDING, USE)),
                catchThrowable(() -> vault.open(new SealedSecret(sealed.envelope().replace("bwv1", "bwv9")), BINDING, USE)),
                catchThrowable(() -> vault.reseal(sealed, new SecretBinding(OWNER, "bot:other"))),
                catchThrowable(() -> vault(MasterKeyRing.of(B)).open(sealed, BINDING, USE)),
                catchThrowable(() -> vault(MasterKeyRing.of(new MasterKey(A.id(), keyBytes(101)))).open(sealed, BINDING, USE)),
                catchThrowable(() -> vault.seal(SECRET.repeat(200), BINDING)));

        for (Throwable failure : failures) {
            assertThat(failure).isNotNull();
            assertHoldsNone(failure, material);
        }
        assertHoldsNone(vault.toString(), material);
        assertHoldsNone(MasterKeyRing.of(A).toString(), material);
        assertHoldsNone(new MasterKeyRing(B, List.of(A)).toString(), material);
        assertHoldsNone(A.toString(), material);
        assertHoldsNone(sealed.toString(), material);
        assertHoldsNone(e.toString(), material);
    }

    // ------------------------------------------------------------------------------------------------- threads

    @Test
    void manyThreadsSealAndOpenAtOnce() {
        var vault = vault(new MasterKeyRing(B, List.of(A)));

        List<String> opened = IntStream.range(0, 400).parallel()
                .mapToObj(i -> vault.open(vault.seal("secret-" + i, BINDING), BINDING, USE))
                .toList();

        assertThat(opened).isEqualTo(IntStream.range(0, 400).mapToObj(i -> "secret-" + i).toList());
        assertThat(audit.all()).hasSize(400);
        assertThat(audit.all().stream().map(AuditEntry::id).distinct()).hasSize(400);
    }

    /** Characters of 1, 2, 3 and 4 UTF-8 bytes in turn, filled up with ASCII to exactly {@code bytes}. */
    private static String unicodeOfUtf8Bytes(int bytes) {
        String[] cycle = {"a", "é", "秘", "🔑"};
        StringBuilder text = new StringBuilder();
        int used = 0;
        for (int i = 0; used + 4 <= bytes; i++) {
            String c = cycle[i % cycle.length];
            text.append(c);
            used += c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        while (used < bytes) {
            text.append('z');
            used++;
        }
        return text.toString();
    }
}
