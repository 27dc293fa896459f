package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {

    /** Per unit of k: entries are in [-1, 1], so rounding error grows at most linearly in k. */
    private static final double TOLERANCE_PER_K = 1e-14;
    private static final double SENTINEL = -7777.0;
    private static final long SEED = 20240611L;

    /**
     * m, n, k: tiny, vectors, primes, thin, a dense layer at batch 32 and 65, sizes that straddle
     * every block edge, and widths on both sides of the packed-A threshold (A read in place below
     * {@link BlockedGemm#PACK_A_MIN_COLUMNS} columns, packed from it).
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 70, 33}, {70, 1, 33}, {3, 5, 7}, {37, 53, 29}, {6, 16, 500}, {7, 17, 257},
        {97, 131, 257}, {13, 515, 7}, {500, 9, 40}, {600, 32, 9}, {9, 32, 600}, {300, 200, 500}, {603, 32, 9}, {7, 16, 3},
        {32, 128, 784}, {65, 128, 784}, {61, 2047, 70}, {61, 2048, 70}, {20, 200, 50},
    };

    static Stream<Arguments> tilesShapesAndForms() {
        List<Arguments> cases = new ArrayList<>();
        for (String tile : new String[] {"scalar", "vector"}) {
            for (int[] shape : SHAPES) {
                for (int form = 0; form < 4; form++) {
                    cases.add(Arguments.of(tile, shape[0], shape[1], shape[2], form >= 2, form % 2 == 1));
                }
            }
        }
        return cases.stream();
    }

    private static RegisterTile tile(String name) {
        return name.equals("scalar") ? ScalarRegisterTile.INSTANCE : Gemm.vectorTile();
    }

    @ParameterizedTest(name = "{0} tile, {1}×{2}×{3}, transA={4}, transB={5}")
    @MethodSource("tilesShapesAndForms")
    void matchesNaiveLoopAndEjml(String tile, int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(SEED + 31L * m + 17L * n + k);
        double[] a = randomArray(random, m * k);
        double[] b = randomArray(random, k * n);
        double[] c = new double[m * n];
        Gemm.gemm(tile(tile), transA, transB, m, n, k,
                a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false, null, false);

        double tolerance = TOLERANCE_PER_K * Math.max(k, 1);
        assertArrayEquals(naive(transA, transB, m, n, k, a, b), c, tolerance);
        assertArrayEquals(ejml(transA, transB, m, n, k, a, b), c, tolerance);
    }

    @ParameterizedTest(name = "{0} tile, {1}×{2}×{3}, transA={4}, transB={5}")
    @MethodSource("tilesShapesAndForms")
    void theFusedEpilogueEqualsTheProductThenBiasReluBitForBit(
            String tile, int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(SEED + 7L * m + 5L * n + k);
        double[] a = randomArray(random, m * k);
        double[] b = randomArray(random, k * n);
        double[] bias = randomArray(random, n);
        for (boolean relu : new boolean[] {false, true}) {
            for (double[] withBias : new double[][] {null, bias}) {
                double[] expected = new double[m * n];
                Gemm.gemm(tile(tile), transA, transB, m, n, k,
                        a, 0, transA ? m : k, b, 0, transB ? k : n, expected, 0, n, false, null, false);
                BiasRelu.forward(expected, 0, m, n, withBias, relu);
                double[] fused = new double[m * n];
                Arrays.fill(fused, SENTINEL);
                Gemm.gemm(tile(tile), transA, transB, m, n, k,
                        a, 0, transA ? m : k, b, 0, transB ? k : n, fused, 0, n, false, withBias, relu);
                assertArrayEquals(expected, fused, 0.0, "bias " + (withBias != null) + ", relu " + relu);
            }
        }
    }

    @ParameterizedTest(name = "{0} tile, {1}×{2}×{3}, transA={4}, transB={5}")
    @MethodSource("tilesShapesAndForms")
    void accumulatesIntoStridedOffsetBlocksAndLeavesTheRestAlone(
            String tile, int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(SEED ^ (31L * m + 17L * n + k));
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 5;
        int ldc = n + 2;
        int aOff = 4;
        int bOff = 1;
        int cOff = 7;
        double[] a = embed(randomArray(random, aRows * aCols), aRows, aCols, aOff, lda);
        double[] b = embed(randomArray(random, bRows * bCols), bRows, bCols, bOff, ldb);
        double[] initial = randomArray(random, m * n);
        double[] c = embed(initial, m, n, cOff, ldc);

        Gemm.gemm(tile(tile), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, true, null, false);

        double[] expected = naive(transA, transB, m, n, k,
                extract(a, aRows, aCols, aOff, lda), extract(b, bRows, bCols, bOff, ldb));
        for (int i = 0; i < expected.length; i++) {
            expected[i] += initial[i];
        }
        assertArrayEquals(expected, extract(c, m, n, cOff, ldc), TOLERANCE_PER_K * Math.max(k, 1));
        assertEquals(m * n, countNonSentinels(c), "elements outside C's block were written");
    }

    @ParameterizedTest(name = "{0} tile, transA={1}, transB={2}")
    @MethodSource("tilesAndForms")
    void aWideProductRunsTransposedAndEqualsTheSwappedProductBitForBit(String tile, boolean transA, boolean transB) {
        // 32 rows, 300 columns: computed as Cᵀ = op(B)ᵀ·op(A)ᵀ. The swapped product itself (300
        // rows) is not, so it checks every element bit for bit, written at an offset and stride.
        int m = 32;
        int n = 300;
        int k = 70;
        Random random = new Random(SEED + 99);
        double[] a = randomArray(random, m * k);
        double[] b = randomArray(random, k * n);
        double[] bias = randomArray(random, n);
        int ldc = n + 3;
        double[] c = new double[5 + m * ldc];
        Arrays.fill(c, SENTINEL);
        Gemm.gemm(tile(tile), transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n,
                c, 5, ldc, false, bias, true);
        double[] swapped = new double[n * m];
        Gemm.gemm(tile(tile), !transB, !transA, n, m, k, b, 0, transB ? k : n, a, 0, transA ? m : k,
                swapped, 0, m, false, null, false);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                expected[i * n + j] = swapped[j * m + i];
            }
        }
        BiasRelu.forward(expected, 0, m, n, bias, true);
        assertArrayEquals(expected, extract(c, m, n, 5, ldc), 0.0);
        assertEquals(m * n, countNonSentinels(c), "elements outside C's block were written");
    }

    @ParameterizedTest(name = "{0} tile, {1}×{2}×{3}, transB={5}")
    @MethodSource("tilesShapesAndForms")
    void aPackedOperandGivesThePlainProductBitForBit(String tile, int m, int n, int k, boolean transA, boolean transB) {
        // A is never transposed here: the shapes' transA cases run with A at an offset and a wider
        // stride instead, and C accumulates into old values.
        Random random = new Random(SEED + 7L * m + 3L * n + k);
        int lda = transA ? k + 2 : k;
        int aOff = transA ? 3 : 0;
        double[] a = randomArray(random, aOff + m * lda);
        int ldb = transB ? k + 1 : n + 1;
        double[] b = randomArray(random, 2 + (transB ? n : k) * ldb);
        PackedMatrix packed = Gemm.pack(tile(tile), transB, k, n, b, 2, ldb);
        for (boolean accumulate : new boolean[] {false, true}) {
            double[] expected = randomArray(new Random(5), 1 + m * (n + 4));
            double[] actual = expected.clone();
            Gemm.gemm(tile(tile), false, transB, m, n, k, a, aOff, lda, b, 2, ldb, expected, 1, n + 4, accumulate,
                    null, false);
            Gemm.gemm(m, a, aOff, lda, packed, actual, 1, n + 4, accumulate);
            assertArrayEquals(expected, actual, 0.0, "accumulate=" + accumulate);
        }
    }

    @ParameterizedTest(name = "{0} tile, transA={1}, transB={2}")
    @MethodSource("tilesAndForms")
    void aRowOnItsOwnGivesTheSameBitsAsInsideALargerProduct(String tile, boolean transA, boolean transB) {
        // A single-image predict runs its dense layers as one-row products (unpacked); a batch as
        // packed ones, some of them transposed. Each row must come out the same, bias and ReLU
        // included, and added to old values the same way.
        int[][] shapes = {{32, 128, 784}, {32, 10, 128}, {40, 70, 600}, {24, 9, 300}, {5, 33, 1600}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            Random random = new Random(SEED + 11L * m + n + k);
            double[] a = randomArray(random, m * k);
            double[] b = randomArray(random, k * n);
            double[] bias = randomArray(random, n);
            int lda = transA ? m : k;
            int ldb = transB ? k : n;
            double[] batch = new double[m * n];
            Gemm.gemm(tile(tile), transA, transB, m, n, k, a, 0, lda, b, 0, ldb, batch, 0, n, false, bias, true);
            double[] old = randomArray(random, m * n);
            double[] batchAdded = old.clone();
            Gemm.gemm(tile(tile), transA, transB, m, n, k, a, 0, lda, b, 0, ldb, batchAdded, 0, n, true, null, false);
            for (int i = 0; i < m; i++) {
                int aOff = transA ? i : i * k;
                double[] row = new double[n];
                Gemm.gemm(tile(tile), transA, transB, 1, n, k, a, aOff, lda, b, 0, ldb, row, 0, n, false, bias, true);
                assertArrayEquals(Arrays.copyOfRange(batch, i * n, (i + 1) * n), row, 0.0,
                        "row " + i + " of " + m + "×" + n + "×" + k);
                double[] rowAdded = Arrays.copyOfRange(old, i * n, (i + 1) * n);
                Gemm.gemm(tile(tile), transA, transB, 1, n, k, a, aOff, lda, b, 0, ldb, rowAdded, 0, n, true, null,
                        false);
                assertArrayEquals(Arrays.copyOfRange(batchAdded, i * n, (i + 1) * n), rowAdded, 0.0,
                        "row " + i + " of " + m + "×" + n + "×" + k + ", accumulating");
            }
        }
    }

    @Test
    void aPackedOperandChecksTheOtherMatrices() {
        PackedMatrix packed = Gemm.pack(false, 70, 90, new double[70 * 90], 0, 90);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(40, new double[40 * 70 - 1], 0, 70, packed, new double[40 * 90], 0, 90, false));
        assertTrue(e.getMessage().contains("Matrix A"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(40, new double[40 * 70], 0, 70, packed, new double[40 * 90], 0, 80, false));
        assertTrue(e.getMessage().contains("Matrix C"), e.getMessage());
    }

    static Stream<Arguments> tilesAndForms() {
        List<Arguments> cases = new ArrayList<>();
        for (String tile : new String[] {"scalar", "vector"}) {
            for (int form = 0; form < 4; form++) {
                cases.add(Arguments.of(tile, form >= 2, form % 2 == 1));
            }
        }
        return cases.stream();
    }

    @Test
    void zeroDepthOverwritesWithZerosOrLeavesCUnchangedWhenAccumulating() {
        double[] c = {1, 2, 3, 4, 5, 6};
        Gemm.gemm(false, false, 2, 3, 0, new double[0], 0, 0, new double[0], 0, 3, c, 0, 3, true);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c);
        Gemm.gemm(false, false, 2, 3, 0, new double[0], 0, 0, new double[0], 0, 3, c, 0, 3, false);
        assertArrayEquals(new double[6], c);
    }

    @Test
    void emptyOutputIsAllowed() {
        double[] c = {SENTINEL};
        Gemm.gemm(true, true, 0, 5, 4, new double[0], 0, 0, new double[20], 0, 4, c, 0, 5, false);
        Gemm.gemm(false, false, 3, 0, 4, new double[12], 0, 4, new double[0], 0, 0, c, 0, 0, false);
        assertEquals(SENTINEL, c[0]);
    }

    @Test
    void javadocExampleGivesDocumentedResult() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] w = {1, 0, 0, 1, 1, 1};
        double[] y = new double[4];
        Gemm.gemm(false, false, 2, 2, 3, x, 0, 3, w, 0, 2, y, 0, 2, false);
        assertArrayEquals(new double[] {4, 5, 10, 11}, y);
    }

    @Test
    void resultIsBitIdenticalWithOneAndTwoThreads() {
        int m = 310;
        int n = 290;
        int k = 270;
        assertTrue(2L * m * n * k >= Gemm.PARALLEL_MIN_FLOPS, "size must be above the threading threshold");
        Random random = new Random(SEED);
        double[] a = randomArray(random, m * k);
        double[] b = randomArray(random, k * n);
        int saved = Parallel.threads();
        try {
            for (String tile : new String[] {"scalar", "vector"}) {
                Parallel.setThreads(1);
                double[] single = new double[m * n];
                Gemm.gemm(tile(tile), false, true, m, n, k, a, 0, k, b, 0, k, single, 0, n, false, null, false);
                Parallel.setThreads(2);
                double[] dual = new double[m * n];
                Gemm.gemm(tile(tile), false, true, m, n, k, a, 0, k, b, 0, k, dual, 0, n, false, null, false);
                assertArrayEquals(single, dual, 0.0, tile + " tile");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void rejectsNegativeSizesWithTheValuesReceived() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(false, false, 2, -1, 3, new double[6], 0, 3, new double[3], 0, 1, new double[2], 0, 1, false));
        assertTrue(e.getMessage().contains("n=-1"), e.getMessage());
    }

    @Test
    void rejectsArraysTooShortForTheMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(false, false, 2, 2, 3, new double[5], 0, 3, new double[6], 0, 2, new double[4], 0, 2, false));
        assertTrue(e.getMessage().contains("Matrix A"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(false, true, 2, 2, 3, new double[6], 0, 3, new double[6], 1, 3, new double[4], 0, 2, false));
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(false, false, 2, 2, 3, new double[6], 0, 3, new double[6], 0, 2, new double[4], 1, 2, false));
    }

    @Test
    void rejectsLeadingDimensionShorterThanARow() {
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(true, false, 2, 2, 3, new double[100], 0, 1, new double[6], 0, 2, new double[4], 0, 2, false));
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(false, false, 2, 2, 3, new double[6], -1, 3, new double[6], 0, 2, new double[4], 0, 2, false));
    }

    private static double[] naive(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[p * m + i] : a[i * k + p];
                    double bpj = transB ? b[j * k + p] : b[p * n + j];
                    sum += aip * bpj;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    private static double[] ejml(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b) {
        DMatrixRMaj left = DMatrixRMaj.wrap(transA ? k : m, transA ? m : k, a);
        DMatrixRMaj right = DMatrixRMaj.wrap(transB ? n : k, transB ? k : n, b);
        DMatrixRMaj out = new DMatrixRMaj(m, n);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(left, right, out);
        } else if (transA) {
            CommonOps_DDRM.multTransA(left, right, out);
        } else if (transB) {
            CommonOps_DDRM.multTransB(left, right, out);
        } else {
            CommonOps_DDRM.mult(left, right, out);
        }
        return out.data;
    }

    private static double[] randomArray(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    /** Places a dense rows×cols matrix at off with row stride ld in an array padded with sentinels. */
    private static double[] embed(double[] dense, int rows, int cols, int off, int ld) {
        double[] out = new double[off + rows * ld + 3];
        java.util.Arrays.fill(out, SENTINEL);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(dense, i * cols, out, off + i * ld, cols);
        }
        return out;
    }

    private static double[] extract(double[] strided, int rows, int cols, int off, int ld) {
        double[] dense = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(strided, off + i * ld, dense, i * cols, cols);
        }
        return dense;
    }

    private static int countNonSentinels(double[] values) {
        int count = 0;
        for (double v : values) {
            if (v != SENTINEL) {
                count++;
            }
        }
        return count;
    }
}
