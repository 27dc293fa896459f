package ai.lepton.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a file so that it is either the old file or the complete new one, never a broken mix:
 * the content goes to a temporary file beside the target ({@code .<name>.<digits>.tmp}), is
 * flushed to disk, checked, and only then moved over the target in one atomic step.
 *
 * <ul>
 *   <li>A new file gets the usual permissions (what the process's umask leaves of {@code rw-rw-rw-},
 *       so {@code rw-r--r--} under umask 022); a file saved over keeps its permissions.
 *   <li>A symbolic link is followed: the file it points to is replaced and the link stays a link.
 *   <li>A folder, or a path with no file name such as {@code /}, is refused with a clear error.
 *   <li>Temporary files that a killed save left beside the target are removed by the next save to
 *       it. A save in progress in this JVM is left alone, and so is one in another process while it
 *       writes: it holds a lock on its temporary file.
 * </ul>
 *
 * <pre>{@code
 * byte[] bytes = {1, 2, 3};
 * AtomicFile.write(Path.of("notes.bin"), channel -> channel.write(java.nio.ByteBuffer.wrap(bytes)), written -> { });
 * }</pre>
 */
public final class AtomicFile {
    /** The most symbolic links followed from the path given to the file written. */
    private static final int MAX_LINKS = 40;
    /** Temporary files being written by this JVM, which no cleanup may touch. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    private AtomicFile() {
    }

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param channel the temporary file, open for writing at position 0
         * @throws IOException if writing fails
         */
        void writeTo(FileChannel channel) throws IOException;
    }

    /** A last look at the written file before it replaces the old one. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param written the complete temporary file
         * @throws RuntimeException to refuse it: the old file then stays as it was
         */
        void check(Path written);
    }

    /**
     * Writes a file atomically.
     *
     * @param path the file to write (a link to it is followed); its folder must exist
     * @param content what to write
     * @param check what the written file must pass before it replaces the old one
     * @throws IllegalArgumentException if {@code path} names a folder or has no file name
     * @throws UncheckedIOException if writing fails, naming the path; the previous file is then intact
     * @throws RuntimeException whatever {@code check} throws; the previous file is then intact
     */
    public static void write(Path path, Content content, Check check) {
        Path target = target(path);
        Path tmp = null;
        boolean moved = false;
        try {
            removeLeftovers(target);
            tmp = newTemporary(target);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                copyPermissions(target, tmp);
                content.writeTo(channel);
                channel.force(true);
                lock.release();
            }
            check.check(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save to " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                if (!moved) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // The original failure is what the caller needs to see; the next save removes the file.
                    }
                }
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    /** The file to replace: {@code path} with every symbolic link followed, refusing folders. */
    private static Path target(Path path) {
        Path file = path.toAbsolutePath();
        try {
            for (int links = 0; Files.isSymbolicLink(file); links++) {
                if (links == MAX_LINKS) {
                    throw new UncheckedIOException("could not save to " + path + ": more than " + MAX_LINKS + " symbolic links",
                            new FileSystemException(path.toString()));
                }
                file = file.resolveSibling(Files.readSymbolicLink(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save to " + path + ": " + e.getMessage(), e);
        }
        if (file.getFileName() == null || Files.isDirectory(file)) {
            throw new IllegalArgumentException("cannot save to " + path + ": it is a folder; give the file's name, e.g. "
                    + file.resolve("model.lepton"));
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new UncheckedIOException("could not save to " + path + ": the folder " + file.getParent() + " does not exist",
                    new NoSuchFileException(file.getParent().toString()));
        }
        return file;
    }

    private static Path newTemporary(Path target) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong()) + ".tmp");
            IN_PROGRESS.add(tmp);
            try {
                // Created like any new file, so the umask decides its permissions (createTempFile would make it private).
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    /** A file saved over keeps its permissions (where the file system has POSIX permissions). */
    private static void copyPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (from != null && Files.exists(target)) {
            Files.setPosixFilePermissions(tmp, from.readAttributes().permissions());
        }
    }

    /**
     * Removes the temporary files of saves to {@code target} that were killed: those of this
     * name's pattern that no save in progress holds locked.
     */
    private static void removeLeftovers(Path target) throws IOException {
        Pattern pattern = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9]+\\.tmp");
        List<Path> candidates;
        try (Stream<Path> files = Files.list(target.getParent())) {
            candidates = files.filter(f -> pattern.matcher(f.getFileName().toString()).matches()).toList();
        }
        for (Path leftover : candidates) {
            if (IN_PROGRESS.contains(leftover) || !Files.isRegularFile(leftover)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    continue; // another process is writing it
                }
                Files.deleteIfExists(leftover);
                lock.release();
            } catch (OverlappingFileLockException | NoSuchFileException e) {
                // Held by a save in this JVM, or already gone.
            }
        }
    }
}
