package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.lepton.io.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged files: each must end in a {@link ModelFormatException} that names the file
 * (never another exception, an {@link OutOfMemoryError} or a hang), and the limits must hold.
 */
class Hdf5ReaderTest {
    /** Offset of the superblock's end-of-file address in a version 0 superblock with 8-byte offsets. */
    private static final int EOF_FIELD = 40;
    private static final int ROOT_HEADER_FIELD = 64;
    private static final String NAME = "hostile.h5";

    @TempDir
    Path dir;

    private static ModelFormatException rejects(byte[] file) {
        return rejects(file, Hdf5Limits.DEFAULT);
    }

    private static ModelFormatException rejects(byte[] file, Hdf5Limits limits) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Hdf5File.read(file, NAME, limits));
        assertTrue(e.getMessage().startsWith(NAME), e.getMessage());
        return e;
    }

    /** Reads a damaged file; anything but a tree or a ModelFormatException fails the test. */
    private static boolean readsOrRejects(byte[] file, String what) {
        try {
            Hdf5File.read(file, NAME, Hdf5Limits.DEFAULT.withMaxReadBytes(16 << 20));
            return true;
        } catch (ModelFormatException expected) {
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    private static byte[] weights() {
        return Hdf5Trees.bytes("dense.weights.h5");
    }

    private static void putLong(byte[] file, int at, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private static long getLong(byte[] file, int at) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    /** The positions of a byte pattern in a file. */
    private static List<Integer> find(byte[] file, byte[] pattern) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + pattern.length <= file.length; i++) {
            if (Arrays.equals(file, i, i + pattern.length, pattern, 0, pattern.length)) {
                at.add(i);
            }
        }
        return at;
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    @Test
    void aTruncatedFileIsRejectedAtEveryLength() {
        byte[] file = weights();
        for (int length = 0; length < file.length; length += 7) {
            ModelFormatException e = rejects(Arrays.copyOf(file, length));
            assertTrue(e.getMessage().contains(length < 8 ? "not an HDF5 file" : "truncated"), e.getMessage());
        }
    }

    @Test
    void aTruncatedFileWhoseSuperblockClaimsTheShorterLengthFailsCleanly() {
        byte[] file = weights();
        int rejected = 0;
        for (int length = 100; length < file.length; length += 11) {
            byte[] cut = Arrays.copyOf(file, length);
            putLong(cut, EOF_FIELD, length);
            rejected += readsOrRejects(cut, "cut at " + length) ? 0 : 1;
        }
        assertTrue(rejected > 0, "no truncation was noticed");
    }

    @Test
    void randomlyDamagedFilesFailCleanly() {
        Random random = new Random(42);
        for (String name : List.of("dense.weights.h5", "conv_legacy.h5", "hdf5_features.h5", "hdf5_latest.h5")) {
            byte[] original = Hdf5Trees.bytes(name);
            for (int trial = 0; trial < 800; trial++) {
                byte[] damaged = original.clone();
                for (int k = 0; k <= trial % 4; k++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                readsOrRejects(damaged, name + " trial " + trial);
            }
        }
    }

    @Test
    void aHugeDeclaredShapeIsRejectedBeforeAnythingIsAllocated() {
        byte[] file = weights();
        // The kernel of layers/dense is (8, 4): its dataspace holds 8 and 4 as dimensions, then as maximum dimensions.
        int dims = find(file, longs(8, 4, 8, 4)).get(0);
        byte[] tooManyElements = file.clone();
        putLong(tooManyElements, dims, 1L << 40);
        putLong(tooManyElements, dims + 16, 1L << 40);
        ModelFormatException e = rejects(tooManyElements);
        assertTrue(e.getMessage().contains("/layers/dense/vars/0"), e.getMessage());

        byte[] beyondTheFile = file.clone();
        putLong(beyondTheFile, dims, 1L << 20);
        putLong(beyondTheFile, dims + 8, 1L << 10);
        e = rejects(beyondTheFile);
        assertTrue(e.getMessage().contains("/layers/dense/vars/0") && e.getMessage().contains("needs 4294967296"),
                e.getMessage());
    }

    @Test
    void aHugeUnwrittenDatasetIsRejected() {
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.dataset("empty", Hdf5Value.float32(new int[] {0, 3}, new double[0]));
        byte[] file = Hdf5File.toBytes(b.build());
        int dims = find(file, longs(0, 3, 0, 3)).get(0);
        putLong(file, dims, 1L << 28);
        putLong(file, dims + 16, 1L << 28);
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("/empty") && e.getMessage().contains("none are stored"), e.getMessage());
    }

    @Test
    void deepNestingStopsAtTheLimit() {
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.group("g/".repeat(99) + "g");
        byte[] file = Hdf5File.toBytes(b.build());
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("deeper than 64"), e.getMessage());
        Hdf5Group deep = Hdf5File.read(file, NAME, Hdf5Limits.DEFAULT.withMaxDepth(100));
        assertTrue(deep.find("g/".repeat(99) + "g").isPresent());
    }

    @Test
    void aGroupThatContainsItselfIsACycle() {
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.group("a/b");
        byte[] file = Hdf5File.toBytes(b.build());
        long root = getLong(file, ROOT_HEADER_FIELD);
        // Point a's link to b at the root group instead: the root then contains itself through a.
        List<Integer> snods = find(file, "SNOD".getBytes(StandardCharsets.US_ASCII));
        putLong(file, snods.get(0) + 8 + 8, root);
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("/a/b") && e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void anObjectHeaderContinuedIntoItselfIsALoop() {
        byte[] file = weights();
        // h5py continues a group's header into a second block (message type 0x10); aim it at the block holding it.
        int message = find(file, new byte[] {0x10, 0, 0x10, 0, 0, 0, 0, 0}).get(0);
        putLong(file, message + 8, message);
        putLong(file, message + 16, 24);
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void aBTreeNodeThatIsItsOwnChildIsALoop() {
        byte[] file = weights();
        int node = find(file, "TREE".getBytes(StandardCharsets.US_ASCII)).get(0);
        file[node + 5] = 1;
        putLong(file, node + 24 + 8, node);
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("loops back"), e.getMessage());
    }

    @Test
    void theReadBudgetAndObjectCountAreEnforced() {
        byte[] file = Hdf5Trees.bytes("conv.weights.h5");
        ModelFormatException e = rejects(file, Hdf5Limits.DEFAULT.withMaxReadBytes(4096));
        assertTrue(e.getMessage().contains("Hdf5Limits.maxReadBytes"), e.getMessage());
        e = rejects(file, Hdf5Limits.DEFAULT.withMaxObjects(10));
        assertTrue(e.getMessage().contains("more than 10 objects"), e.getMessage());
    }

    @Test
    void anUnsupportedFeatureIsNamedWithItsObject() {
        H5py.assumeAvailable();
        Path lzf = dir.resolve("lzf.h5");
        H5py.output("import h5py, numpy as np\nwith h5py.File(sys.argv[1], 'w') as f:\n"
                + "    f.create_dataset('layers/w', data=np.ones((4, 4), 'f4'), compression='lzf')", lzf.toString());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Hdf5File.read(lzf));
        assertTrue(e.getMessage().contains("/layers/w") && e.getMessage().contains("filter 32000"), e.getMessage());
    }

    @Test
    void aChunkThatInflatesBeyondItsSizeIsRejected() {
        byte[] file = Hdf5Trees.bytes("hdf5_features.h5");
        // chunked_gzip's layout: chunks of 2 x 3 float32 elements (dimensions 2, 3 and the element size 4, as u32).
        byte[] layout = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(2).putInt(3).putInt(4).array();
        int at = find(file, layout).get(0);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 1);
        ModelFormatException e = rejects(file);
        assertTrue(e.getMessage().contains("/chunked_gzip") && e.getMessage().contains("expands beyond"), e.getMessage());
    }

    @Test
    void readsAGroupOfHundredsOfChildrenWrittenByH5py() {
        H5py.assumeAvailable();
        Path file = dir.resolve("many.h5");
        H5py.output("import h5py, numpy as np\nwith h5py.File(sys.argv[1], 'w') as f:\n"
                + "    for i in range(600):\n        f[f'd{i}'] = np.float32(i)", file.toString());
        Hdf5Group root = Hdf5File.read(file);
        assertEquals(600, root.children().size());
        assertEquals(599.0, root.dataset("d599").value().doubles()[0]);
    }

    /**
     * Runs the damaged-file checks in a JVM with a 32 MiB heap, where the default limits shrink to
     * half of it: no file may exhaust the heap whatever it declares.
     */
    @Test
    void hostileFilesFailCleanlyInASmallHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                SmallHeap.class.getName()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the small-heap run did not finish");
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("rejected"), output);
    }

    /** The small-heap run: huge declared sizes and random damage, all with the default limits. */
    static final class SmallHeap {
        private SmallHeap() {
        }

        public static void main(String[] args) {
            byte[] file = weights();
            int dims = find(file, longs(8, 4, 8, 4)).get(0);
            int rejected = 0;
            for (long size : new long[] {1L << 20, 1L << 26, Integer.MAX_VALUE}) {
                byte[] huge = file.clone();
                putLong(huge, dims, size);
                rejected += readsOrRejects(huge, "dimension " + size) ? 0 : 1;
            }
            Random random = new Random(7);
            for (int trial = 0; trial < 2000; trial++) {
                byte[] damaged = file.clone();
                for (int k = 0; k < 4; k++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                rejected += readsOrRejects(damaged, "trial " + trial) ? 0 : 1;
            }
            System.out.println(rejected + " files rejected with a ModelFormatException");
        }
    }
}
