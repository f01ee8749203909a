package dev.bulwark.adapters.persistence.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The embedded default's master key file: one line, the base64 of 32 random bytes.
 *
 * <p>Created on first start with a fresh key from {@link SecureRandom}, owner-only ({@code rw-------}) from the
 * first byte: the key is written to a temporary file created with those permissions in the same directory,
 * flushed to disk, then hard-linked to its name, which fails if the name exists. So a reader never sees a
 * half-written key, and of two processes starting at once exactly one key wins and both use it (a rename would
 * silently replace the other's key after it had sealed secrets with it). A missing directory is created
 * owner-only ({@code rwx------}).
 *
 * <p>An existing file is refused when group or others have any permission on it: a key others can read is
 * disclosed, and a key others can write can be replaced by one they know. File systems without POSIX
 * permissions (Windows) are not checked: keep the file in a private directory there.
 */
final class MasterKeyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    // a key line is 45 bytes; anything much longer is not a key file
    private static final long MAX_SIZE = 1024;

    private MasterKeyFile() {
    }

    static MasterKey readOrCreate(Path file, SecureRandom random) {
        Path path = file.toAbsolutePath();
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                create(path, random);
            }
            return read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + path + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the master key file " + file + " is not a regular file");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new IllegalArgumentException("the master key file " + file + " is open to group or others ("
                        + PosixFilePermissions.toString(permissions) + "); it must be owner-only: chmod 600 " + file
                        + ", and replace the key if others may have read it");
            }
        }
        if (Files.size(file) > MAX_SIZE) {
            throw new IllegalArgumentException("the master key file " + file + " is too large to hold one key");
        }
        byte[] content = Files.readAllBytes(file);
        try {
            return MasterKeyRing.decode("the master key file " + file, new String(content, StandardCharsets.US_ASCII));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Creates the file unless another process got there first (then its key is the one). */
    private static void create(Path file, SecureRandom random) throws IOException {
        Path directory = file.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        byte[] key = new byte[MasterKey.KEY_BYTES];
        random.nextBytes(key);
        byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            publish(temporary, file);
            syncDirectory(directory);
        } finally {
            Arrays.fill(line, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    private static void publish(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // its key is the key
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // some file systems have no hard links: a move that refuses to replace is the next best thing
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException anotherProcessWon) {
                // its key is the key
            }
        }
    }

    /** So the new name survives a crash too. Best effort: not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // the key is on disk; only a machine crash before the file system writes the directory back could lose its name
        }
    }
}
