package dev.bulwark.adapters.persistence.vault;

import static dev.bulwark.adapters.persistence.vault.VaultFixtures.assertHoldsNone;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.base64;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.key;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.keyBytes;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.spellingsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyRingTest {
    private static final String CURRENT = "BULWARK_MASTER_KEY";
    private static final String RETIRING = "BULWARK_MASTER_KEYS_RETIRING";

    @TempDir
    Path dir;

    // ----------------------------------------------------------------------------------------------- the ring

    @Test
    void theRingFindsEachOfItsKeysById() {
        var ring = new MasterKeyRing(key(1), List.of(key(2), key(3)));

        assertThat(ring.find(key(1).id())).contains(key(1));
        assertThat(ring.find(key(3).id())).contains(key(3));
        assertThat(ring.find(key(4).id())).isEmpty();
        assertThat(ring.find("")).isEmpty();
    }

    @Test
    void aKeyIsInTheRingOnce() {
        assertThatThrownBy(() -> new MasterKeyRing(key(1), List.of(key(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key(1).id()).hasMessageContaining("twice");
        assertThatThrownBy(() -> new MasterKeyRing(key(1), List.of(key(2), key(2)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKeyRing(new MasterKey("k", keyBytes(1)), List.of(new MasterKey("k", keyBytes(2)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRingsRetiringListIsItsOwn() {
        var retiring = new ArrayList<>(List.of(key(2)));
        var ring = new MasterKeyRing(key(1), retiring);
        retiring.add(key(3));

        assertThat(ring.retiring()).containsExactly(key(2));
        assertThatThrownBy(() -> ring.retiring().add(key(4))).isInstanceOf(UnsupportedOperationException.class);
    }

    // -------------------------------------------------------------------------------------------- environment

    @Test
    void theEnvironmentGivesTheCurrentKeyAndTheRetiringOnes() {
        var ring = MasterKeyRing.fromEnvironment(Map.of(
                CURRENT, base64(keyBytes(1)),
                RETIRING, base64(keyBytes(2)) + ", " + base64(keyBytes(3)) + ","));

        assertThat(ring.current()).isEqualTo(key(1));
        assertThat(ring.retiring()).containsExactly(key(2), key(3));
    }

    @Test
    void aKeyMayBeUrlSafeBase64OrUnpaddedOrSurroundedBySpace() {
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(keyBytes(250));

        assertThat(MasterKeyRing.fromEnvironment(Map.of(CURRENT, urlSafe)).current()).isEqualTo(key(250));
        assertThat(MasterKeyRing.fromEnvironment(Map.of(CURRENT, " " + base64(keyBytes(1)) + "\n")).current()).isEqualTo(key(1));
        assertThat(MasterKeyRing.fromEnvironment(Map.of(CURRENT, base64(keyBytes(1)), RETIRING, " ")).retiring()).isEmpty();
    }

    @Test
    void aMissingOrBlankCurrentKeyIsRefusedSayingHowToMakeOne() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(CURRENT, ""), Map.of(CURRENT, "  "),
                Map.of(RETIRING, base64(keyBytes(2))))) {
            assertThatThrownBy(() -> MasterKeyRing.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(CURRENT + " is not set").hasMessageContaining("openssl rand -base64 32");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "c2VjcmV0*", "====", "AAAA=AAAA"})
    void aValueThatIsNotBase64IsRefusedWithoutQuotingIt(String value) {
        Throwable failure = catchThrowable(() -> MasterKeyRing.fromEnvironment(Map.of(CURRENT, value)));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasNoCause()
                .hasMessageStartingWith(CURRENT + " is not valid base64");
        assertHoldsNone(failure, List.of(value.strip()));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedSayingItsLengthNotItsValue() {
        byte[] short16 = new byte[16];
        java.util.Arrays.fill(short16, (byte) 0x5a);
        byte[] long33 = java.util.Arrays.copyOf(keyBytes(7), 33);

        Throwable tooShort = catchThrowable(() -> MasterKeyRing.fromEnvironment(Map.of(CURRENT, base64(short16))));
        Throwable tooLong = catchThrowable(() -> MasterKeyRing.fromEnvironment(Map.of(CURRENT, base64(long33))));

        assertThat(tooShort).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(CURRENT + " decodes to 16 bytes, but a master key is exactly 32 bytes (e.g. the output of `openssl rand -base64 32`)");
        assertThat(tooLong).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decodes to 33 bytes");
        assertHoldsNone(tooShort, spellingsOf(short16));
        assertHoldsNone(tooLong, spellingsOf(long33));
    }

    @Test
    void aBadRetiringKeyIsRefusedNamingItsPlaceInTheList() {
        String secretLooking = "dGhpcyBpcyBub3QgYSBrZXk=";
        Throwable notBase64 = catchThrowable(() -> MasterKeyRing.fromEnvironment(Map.of(
                CURRENT, base64(keyBytes(1)), RETIRING, base64(keyBytes(2)) + ",#" + secretLooking)));
        Throwable wrongLength = catchThrowable(() -> MasterKeyRing.fromEnvironment(Map.of(
                CURRENT, base64(keyBytes(1)), RETIRING, secretLooking)));

        assertThat(notBase64).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(RETIRING + " entry 2 is not valid base64");
        assertThat(wrongLength).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(RETIRING + " entry 1 decodes to 17 bytes");
        assertHoldsNone(notBase64, Stream.concat(Stream.of(secretLooking), spellingsOf(keyBytes(2)).stream()).toList());
        assertHoldsNone(wrongLength, List.of(secretLooking));
    }

    @Test
    void theCurrentKeyListedAsRetiringIsRefused() {
        assertThatThrownBy(() -> MasterKeyRing.fromEnvironment(Map.of(CURRENT, base64(keyBytes(1)), RETIRING, base64(keyBytes(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    // ----------------------------------------------------------------------------------------------- key file

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyOnFirstStartAndReusedAfter() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path file = dir.resolve("master.key");

        MasterKeyRing first = MasterKeyRing.fromKeyFile(file);

        assertThat(permissions(file)).isEqualTo("rw-------");
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(content).endsWith("\n");
        byte[] key = Base64.getDecoder().decode(content.strip());
        assertThat(key).hasSize(32);
        assertThat(first.current()).isEqualTo(MasterKey.of(key));
        assertThat(first.retiring()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(file);
        }

        MasterKeyRing second = MasterKeyRing.fromKeyFile(file);

        assertThat(second.current()).isEqualTo(first.current());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(content);
    }

    @Test
    void twoKeyFilesHoldTwoDifferentKeys() {
        assertThat(MasterKeyRing.fromKeyFile(dir.resolve("a.key")).current())
                .isNotEqualTo(MasterKeyRing.fromKeyFile(dir.resolve("b.key")).current());
    }

    @Test
    void aMissingDirectoryIsCreatedOwnerOnly() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path file = dir.resolve("data").resolve("keys").resolve("master.key");

        MasterKeyRing.fromKeyFile(file);

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-", "rw--w----", "r--r--r--"})
    void aKeyFileOpenToGroupOrOthersIsRefused(String open) throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path file = dir.resolve("master.key");
        String content = base64(keyBytes(9)) + "\n";
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(open));

        Throwable failure = catchThrowable(() -> MasterKeyRing.fromKeyFile(file));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("group or others")
                .hasMessageContaining(open).hasMessageContaining("chmod 600");
        assertHoldsNone(failure, spellingsOf(keyBytes(9)));
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).as("left as it was").isEqualTo(content);
    }

    @Test
    void anOwnerOnlyKeyFileWrittenByHandIsRead() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path file = dir.resolve("master.key");
        Files.writeString(file, base64(keyBytes(9)) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        assertThat(MasterKeyRing.fromKeyFile(file).current()).isEqualTo(key(9));
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsRefusedWithoutQuotingIt() throws IOException {
        assumeTrue(posix(dir), "POSIX permissions");
        Path notBase64 = dir.resolve("garbage.key");
        Path wrongLength = dir.resolve("short.key");
        Path empty = dir.resolve("empty.key");
        Files.writeString(notBase64, "s3cr3t-but-not-base64!\n");
        Files.writeString(wrongLength, base64(new byte[31]));
        Files.writeString(empty, "");
        for (Path file : List.of(notBase64, wrongLength, empty)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }

        Throwable garbage = catchThrowable(() -> MasterKeyRing.fromKeyFile(notBase64));
        assertThat(garbage).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the master key file " + notBase64 + " is not valid base64: it must be the base64 of exactly 32"
                        + " random bytes (e.g. the output of `openssl rand -base64 32`)");
        assertHoldsNone(garbage, List.of("s3cr3t"));
        assertThatThrownBy(() -> MasterKeyRing.fromKeyFile(wrongLength)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decodes to 31 bytes");
        assertThatThrownBy(() -> MasterKeyRing.fromKeyFile(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decodes to 0 bytes");
    }

    @Test
    void aDirectoryWhereTheKeyFileShouldBeIsRefused() throws IOException {
        Path file = Files.createDirectory(dir.resolve("master.key"));

        assertThatThrownBy(() -> MasterKeyRing.fromKeyFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void processesStartingAtOnceAgreeOnOneKey() throws Exception {
        Path file = dir.resolve("master.key");
        int starters = 8;
        var ready = new CountDownLatch(starters);
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            List<Future<MasterKey>> keys = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                keys.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return MasterKeyRing.fromKeyFile(file).current();
                }));
            }
            MasterKey first = keys.get(0).get();
            for (Future<MasterKey> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    // ---------------------------------------------------------------------------------- environment or file

    @Test
    void theEnvironmentKeyWinsAndNoFileIsMade() {
        Path file = dir.resolve("master.key");

        var ring = MasterKeyRing.fromEnvironmentOrKeyFile(Map.of(CURRENT, base64(keyBytes(1))), file);

        assertThat(ring.current()).isEqualTo(key(1));
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutAnEnvironmentKeyTheFileIsUsedWithTheEnvironmentsRetiringKeys() {
        Path file = dir.resolve("master.key");
        Map<String, String> env = new HashMap<>();
        env.put(CURRENT, "");
        env.put(RETIRING, base64(keyBytes(2)));

        var ring = MasterKeyRing.fromEnvironmentOrKeyFile(env, file);

        assertThat(file).exists();
        assertThat(ring.current()).isEqualTo(MasterKeyRing.fromKeyFile(file).current());
        assertThat(ring.retiring()).containsExactly(key(2));
    }

    @Test
    void theRingsToStringNamesKeysByIdOnly() {
        var ring = new MasterKeyRing(key(1), List.of(key(2)));

        assertThat(ring.toString()).contains(key(1).id(), key(2).id());
        assertHoldsNone(ring.toString(), Stream.concat(spellingsOf(keyBytes(1)).stream(), spellingsOf(keyBytes(2)).stream()).toList());
    }
}
