package ai.lepton.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class BroadcastTest {
    private static final long SEED = 20240601L;
    private static final int CASES = 300;
    private static final int MAX_RANK = 4;
    /** Both sides compute each element with the same single floating-point operation. */
    private static final double EXACT = 0.0;
    /** Sums may be added up in a different order. */
    private static final double SUM_TOLERANCE = 1e-12;

    @Test
    void shapeOfTheDocumentedExample() {
        assertArrayEquals(new int[] {3, 5, 4}, Broadcast.shape("add", new int[] {3, 1, 4}, new int[] {5, 4}));
    }

    @Test
    void shapeAgreesWithNaiveRuleOnRandomShapes() {
        Random random = new Random(SEED);
        for (int c = 0; c < CASES; c++) {
            int[] a = Naive.randomShape(random, MAX_RANK);
            int[] b = Naive.randomShape(random, MAX_RANK);
            int[] expected = Naive.broadcastShape(a, b);
            String label = Arrays.toString(a) + " with " + Arrays.toString(b);
            if (expected == null) {
                assertThrows(ShapeException.class, () -> Broadcast.shape("add", a, b), label);
            } else {
                assertArrayEquals(expected, Broadcast.shape("add", a, b), label);
            }
        }
    }

    @Test
    void binaryOpsAgreeWithNaiveBroadcastOnRandomShapes() {
        Random random = new Random(SEED + 1);
        for (int c = 0; c < CASES; c++) {
            int[] as = Naive.randomShape(random, MAX_RANK);
            int[] bs = Naive.compatibleShape(random, as, MAX_RANK);
            int[] out = Naive.broadcastShape(as, bs);
            Tensor a = Tensor.randn(random.nextLong(), as);
            Tensor b = Tensor.rand(random.nextLong(), bs).add(0.5);
            String label = Arrays.toString(as) + " with " + Arrays.toString(bs);
            check(a.add(b), a, b, out, Double::sum, label + " add");
            check(a.sub(b), a, b, out, (x, y) -> x - y, label + " sub");
            check(a.mul(b), a, b, out, (x, y) -> x * y, label + " mul");
            check(a.div(b), a, b, out, (x, y) -> x / y, label + " div");
            check(b.sub(a), b, a, out, (x, y) -> x - y, label + " reversed sub");
        }
    }

    private static void check(Tensor actual, Tensor a, Tensor b, int[] out, DoubleBinaryOperator f, String label) {
        assertArrayEquals(out, actual.shape(), label);
        double[] expected = Naive.broadcast(a.toArray(), a.shape(), b.toArray(), b.shape(), out, f);
        assertArrayEquals(expected, actual.toArray(), EXACT, label);
    }

    @Test
    void sumToAgreesWithNaiveOnRandomShapes() {
        Random random = new Random(SEED + 2);
        for (int c = 0; c < CASES; c++) {
            int[] from = Naive.randomShape(random, MAX_RANK);
            int[] to = Naive.compatibleShape(random, from, from.length);
            int[] big = Naive.broadcastShape(from, to);
            double[] grad = Tensor.randn(random.nextLong(), big).toArray();
            String label = Arrays.toString(big) + " to " + Arrays.toString(to);
            assertArrayEquals(Naive.sumTo(grad, big, to), Broadcast.sumTo(grad, big, to), SUM_TOLERANCE, label);
        }
    }

    @Test
    void applyAcceptsATargetShapeLargerThanTheOperandsOwn() {
        double[] row = {1, 2, 3};
        double[] spread = Broadcast.apply(row, new int[] {3}, new double[] {10}, new int[0], new int[] {2, 3}, Double::sum);
        assertArrayEquals(new double[] {11, 12, 13, 11, 12, 13}, spread, EXACT);
        double[] flipped = Broadcast.apply(new double[] {10}, new int[0], row, new int[] {3}, new int[] {2, 3}, Double::sum);
        assertArrayEquals(new double[] {11, 12, 13, 11, 12, 13}, flipped, EXACT);
    }

    @Test
    void incompatibleShapesNameTheOpBothShapesAndTheAxis() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(3, 4).add(Tensor.zeros(5, 4)));
        assertEquals("add: (3, 4) x (5, 4): cannot broadcast: axis -2 has sizes 3 and 5", e.getMessage());
    }

    @Test
    void scalarTensorBroadcastsAgainstAnyShape() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {11, 12, 13, 14, 15, 16}, Tensor.scalar(10).add(x).toArray(), EXACT);
        assertArrayEquals(new int[] {2, 3}, Tensor.scalar(10).add(x).shape());
    }
}
