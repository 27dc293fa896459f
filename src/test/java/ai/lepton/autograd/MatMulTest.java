package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Naive;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulTest {
    private static final long SEED = 31L;
    private static final int CASES = 100;
    /** The same dot products summed in a possibly different order. */
    private static final double VALUE_TOLERANCE = 1e-12;

    @Test
    void matrixProductMatchesHandCalculation() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new double[] {58, 64, 139, 154}, c.toArray(), VALUE_TOLERANCE);
    }

    @Test
    void gradientsOfTwoDimensionalProductMatchFiniteDifferences() {
        assertGradientsMatch("(3, 4) x (4, 5)", in -> in[0].matmul(in[1]), normal(SEED, 3, 4), normal(SEED + 1, 4, 5));
    }

    @Test
    void gradientsOfBatchedProductWithBroadcastBatchMatchFiniteDifferences() {
        assertGradientsMatch("(2, 1, 3, 4) x (5, 4, 2)", in -> in[0].matmul(in[1]),
                normal(SEED, 2, 1, 3, 4), normal(SEED + 1, 5, 4, 2));
        assertGradientsMatch("(3, 4) x (2, 4, 5)", in -> in[0].matmul(in[1]),
                normal(SEED, 3, 4), normal(SEED + 1, 2, 4, 5));
        assertGradientsMatch("(2, 3, 4) x (1, 4, 1)", in -> in[0].matmul(in[1]),
                normal(SEED, 2, 3, 4), normal(SEED + 1, 1, 4, 1));
    }

    @Test
    void batchedProductAgreesWithNaiveLoopOnRandomShapes() {
        Random random = new Random(SEED);
        for (int c = 0; c < CASES; c++) {
            int[] batch = Naive.randomShape(random, 2);
            int[] otherBatch = Naive.compatibleShape(random, batch, 2);
            int m = 1 + random.nextInt(4);
            int k = 1 + random.nextInt(4);
            int n = 1 + random.nextInt(4);
            int[] as = withMatrix(batch, m, k);
            int[] bs = withMatrix(otherBatch, k, n);
            int[] out = withMatrix(Naive.broadcastShape(batch, otherBatch), m, n);
            Tensor a = Tensor.randn(random.nextLong(), as);
            Tensor b = Tensor.randn(random.nextLong(), bs);
            String label = Arrays.toString(as) + " x " + Arrays.toString(bs);
            Tensor product = a.matmul(b);
            assertArrayEquals(out, product.shape(), label);
            assertArrayEquals(Naive.matmul(a.toArray(), as, b.toArray(), bs, out), product.toArray(), VALUE_TOLERANCE, label);
        }
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(32, 784).matmul(Tensor.zeros(128, 10)));
        assertEquals("matmul: (32, 784) x (128, 10): inner dimensions 784 and 128 differ", e.getMessage());
    }

    @Test
    void rankBelowTwoIsRefused() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)));
        assertEquals("matmul: (3,) x (3, 2): both operands need at least 2 dimensions", e.getMessage());
    }

    @Test
    void batchMismatchNamesBothFullShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(5, 4, 6)));
        assertEquals("matmul: (2, 3, 4) x (5, 4, 6): batch dimensions (2,) and (5,) do not broadcast", e.getMessage());
    }
}
