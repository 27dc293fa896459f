package ai.lepton.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lepton.io.keras.KerasModelFile;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves keep their promises: permissions, links, validation before replacing, cleanup, clear errors. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private static void save(Path path, double... values) {
        ModelArchive.write(path, new JsonObject(), List.of(new NamedArray("w", new int[] {values.length}, values)));
    }

    private static double[] saved(Path path) {
        return ModelArchive.read(path).array("w").values();
    }

    private static Set<PosixFilePermission> mode(Path path) throws IOException {
        return Files.getPosixFilePermissions(path);
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileUnderTheUmask() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("m.lepton");
        save(file, 1, 2);
        assertEquals(mode(reference), mode(file), "the umask decides, as for any new file (rw-r--r-- under umask 022)");
        assertTrue(mode(file).contains(PosixFilePermission.OWNER_READ) && mode(file).contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void savingOverAFileKeepsItsMode() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("m.lepton");
        save(file, 1);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, shared);
        save(file, 2);
        assertEquals(shared, mode(file));
        assertArrayEquals(new double[] {2}, saved(file));
    }

    @Test
    void savingToASymbolicLinkWritesItsTargetAndKeepsTheLink() throws IOException {
        Path real = dir.resolve("real.lepton");
        save(real, 1);
        Path link = Files.createSymbolicLink(dir.resolve("link.lepton"), Path.of("real.lepton"));
        save(link, 2);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertArrayEquals(new double[] {2}, saved(real));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.lepton"), dir.resolve("new.lepton"));
        save(dangling, 3);
        assertTrue(Files.isSymbolicLink(dangling));
        assertArrayEquals(new double[] {3}, saved(dir.resolve("new.lepton")));
    }

    @Test
    void aFileThatFailsItsCheckDoesNotReplaceTheOldOne() throws IOException {
        Path file = dir.resolve("m.lepton");
        save(file, 1);
        byte[] before = Files.readAllBytes(file);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(file,
                channel -> channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3})), written -> {
                    throw new IllegalStateException("does not read back");
                }));
        assertEquals("does not read back", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("m.lepton"), names());
    }

    @Test
    void arraysThatWouldCollideAreRefusedBeforeWriting() throws IOException {
        Path file = dir.resolve("m.lepton");
        save(file, 1);
        byte[] before = Files.readAllBytes(file);
        NamedArray a = new NamedArray("optimizer/m/dense/kernel", new int[] {1}, new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.write(file, new JsonObject(), List.of(a, a)));
        assertTrue(e.getMessage().contains("two arrays are named 'optimizer/m/dense/kernel'"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void theNextSaveRemovesTheTemporaryFilesOfAKilledOne() throws IOException {
        Path killed = Files.write(dir.resolve(".m.lepton.8143306817491436921.tmp"), new byte[100]);
        Path notOurs = Files.write(dir.resolve(".m.lepton.notes.tmp"), new byte[1]);
        Path otherTarget = Files.write(dir.resolve(".other.lepton.42.tmp"), new byte[1]);
        save(dir.resolve("m.lepton"), 1);
        assertFalse(Files.exists(killed), "the killed save's temporary file is removed");
        assertTrue(Files.exists(notOurs) && Files.exists(otherTarget), "files of other names are left alone");
    }

    @Test
    void foldersAndPathsWithoutAFileNameAreClearErrors() throws IOException {
        Consumer<Path> writing = p -> save(p, 1);
        for (Path folder : new Path[] {Path.of("/"), dir, Files.createDirectory(dir.resolve("folder.lepton"))}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writing.accept(folder));
            assertTrue(e.getMessage().contains("it is a folder") && e.getMessage().contains(folder.toString()), e.getMessage());
        }
        Path missing = dir.resolve("no/such/folder/m.lepton");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> writing.accept(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeReadIsAnUncheckedIoExceptionInEveryFormat() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.keras"));
        for (Runnable load : new Runnable[] {() -> ModelArchive.read(folder), () -> KerasModelFile.read(folder)}) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, load::run);
            assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        }
        Path file = dir.resolve("m.lepton");
        save(file, 1);
        Path h5 = Files.write(dir.resolve("m.h5"), new byte[16]);
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        Files.setPosixFilePermissions(h5, PosixFilePermissions.fromString("-w-------"));
        assumeTrue(!Files.isReadable(file), "the superuser reads any file");
        for (Runnable load : new Runnable[] {() -> ModelArchive.read(file), () -> KerasModelFile.read(h5)}) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, load::run);
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
