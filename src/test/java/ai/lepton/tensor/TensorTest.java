package ai.lepton.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.internal.Storage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {
    private static final long SEED = 7L;
    private static final int CASES = 200;
    private static final int MAX_RANK = 4;
    private static final double EXACT = 0.0;
    private static final double SUM_TOLERANCE = 1e-12;
    /** Sample mean and standard deviation of 20,000 draws are within about 4 standard errors of this. */
    private static final double MOMENT_TOLERANCE = 0.03;

    @Test
    void ofKeepsDataAndShape() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(2, t.rank());
        assertEquals(6, t.size());
        assertEquals(6.0, t.get(1, 2), EXACT);
        assertEquals(2.0, t.get(0, 1), EXACT);
    }

    @Test
    void ofRejectsASizeMismatchNamingBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3, 4, 5}, 2, 3));
        assertEquals("Tensor.of: 5 values do not fill shape (2, 3) of 6 elements", e.getMessage());
    }

    @Test
    void mutatingTheArrayPassedToOfDoesNotChangeTheTensor() {
        double[] values = {1, 2, 3};
        int[] shape = {3};
        Tensor t = Tensor.of(values, shape);
        values[0] = 100;
        shape[0] = 1;
        assertArrayEquals(new double[] {1, 2, 3}, t.toArray(), EXACT);
        assertArrayEquals(new int[] {3}, t.shape());
    }

    @Test
    void mutatingWhatTheAccessorsReturnDoesNotChangeTheTensor() {
        Tensor t = Tensor.of(new double[] {1, 2, 3}, 3);
        t.toArray()[0] = 100;
        t.shape()[0] = 1;
        assertArrayEquals(new double[] {1, 2, 3}, t.toArray(), EXACT);
        assertArrayEquals(new int[] {3}, t.shape());
    }

    @Test
    void gradReturnsACopy() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        w.mul(3).sum().backward();
        Storage.data(w.grad())[0] = 100;
        assertArrayEquals(new double[] {3, 3}, w.grad().toArray(), EXACT);
    }

    @Test
    void zeroGradClearsTheGradient() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        w.sum().backward();
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void constructorsFillAsNamed() {
        assertEquals(0, Tensor.scalar(4.5).rank());
        assertEquals(4.5, Tensor.scalar(4.5).item(), EXACT);
        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toArray(), EXACT);
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(2, 2).toArray(), EXACT);
        assertArrayEquals(new int[] {2, 2}, Tensor.ones(2, 2).shape());
    }

    @Test
    void randnAndRandAreReproducibleFromTheSeed() {
        assertArrayEquals(Tensor.randn(SEED, 4, 5).toArray(), Tensor.randn(SEED, 4, 5).toArray(), EXACT);
        assertArrayEquals(Tensor.rand(SEED, 4, 5).toArray(), Tensor.rand(SEED, 4, 5).toArray(), EXACT);
        assertFalse(Arrays.equals(Tensor.randn(SEED, 20).toArray(), Tensor.randn(SEED + 1, 20).toArray()));
        assertFalse(Arrays.equals(Tensor.rand(SEED, 20).toArray(), Tensor.rand(SEED + 1, 20).toArray()));
    }

    @Test
    void randnIsStandardNormal() {
        double[] x = Tensor.randn(SEED, 20_000).toArray();
        double mean = Arrays.stream(x).average().orElseThrow();
        double variance = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0.0, mean, MOMENT_TOLERANCE);
        assertEquals(1.0, Math.sqrt(variance), MOMENT_TOLERANCE);
    }

    @Test
    void randIsUniformOnTheUnitInterval() {
        double[] x = Tensor.rand(SEED, 20_000).toArray();
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 0 && v < 1));
        assertEquals(0.5, Arrays.stream(x).average().orElseThrow(), MOMENT_TOLERANCE);
    }

    @Test
    void itemOnSeveralElementsFailsNamingTheCount() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).item());
        assertEquals("item: (2, 3): item() needs exactly one element, this tensor has 6", e.getMessage());
    }

    @Test
    void itemOfAOneElementTensorOfAnyRank() {
        assertEquals(7.0, Tensor.of(new double[] {7}, 1, 1, 1).item(), EXACT);
    }

    @Test
    void getOutOfRangeFailsNamingIndexAndShape() {
        Tensor t = Tensor.zeros(2, 3);
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 3));
        assertEquals("get: index [0, 3] is outside shape (2, 3)", outside.getMessage());
        IndexOutOfBoundsException negative = assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1, 0));
        assertEquals("get: index [-1, 0] is outside shape (2, 3)", negative.getMessage());
        IndexOutOfBoundsException count = assertThrows(IndexOutOfBoundsException.class, () -> t.get(1));
        assertEquals("get: 1 indices for a tensor of shape (2, 3)", count.getMessage());
    }

    @Test
    void requiresGradOnANonLeafIsRefused() {
        Tensor y = Tensor.ones(2).requiresGrad(true).mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(true));
        assertEquals("requiresGrad: only a leaf tensor can be marked; this (2,) tensor was produced by an operation, "
                + "call detach() first", e.getMessage());
    }

    @Test
    void detachKeepsValuesAndDropsHistory() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor d = x.mul(3).detach();
        assertArrayEquals(new double[] {3, 6}, d.toArray(), EXACT);
        assertFalse(d.requiresGrad());
        assertNull(Storage.creator(d));
    }

    @Test
    void reshapeInfersTheMinusOneDimension() {
        Tensor x = Tensor.randn(SEED, 2, 3, 4);
        assertArrayEquals(new int[] {6, 4}, x.reshape(-1, 4).shape());
        assertArrayEquals(new int[] {2, 12}, x.reshape(2, -1).shape());
        assertArrayEquals(new int[] {24}, x.reshape(-1).shape());
        assertArrayEquals(new int[] {1, 24, 1}, x.reshape(1, -1, 1).shape());
        assertArrayEquals(x.toArray(), x.reshape(4, -1, 2).toArray(), EXACT);
        assertArrayEquals(new int[0], Tensor.ones(1, 1).reshape().shape());
    }

    @Test
    void reshapeErrorsNameBothShapes() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("reshape: cannot reshape (2, 3) into (4, -1): 6 elements cannot be split this way",
                assertThrows(ShapeException.class, () -> x.reshape(4, -1)).getMessage());
        assertEquals("reshape: cannot reshape (2, 3) into (4, 2): sizes 6 and 8 differ",
                assertThrows(ShapeException.class, () -> x.reshape(4, 2)).getMessage());
        assertEquals("reshape: cannot reshape (2, 3) into (-1, -1): only one dimension may be -1 and none may be negative",
                assertThrows(ShapeException.class, () -> x.reshape(-1, -1)).getMessage());
        assertEquals("reshape: cannot reshape (2, 3) into (-2, -3): only one dimension may be -1 and none may be negative",
                assertThrows(ShapeException.class, () -> x.reshape(-2, -3)).getMessage());
    }

    @Test
    void transposeAgreesWithNaiveOnRandomShapesAndPermutations() {
        Random random = new Random(SEED);
        for (int c = 0; c < CASES; c++) {
            int[] shape = Naive.randomShape(random, MAX_RANK);
            int[] perm = randomPermutation(random, shape.length);
            Tensor x = Tensor.randn(random.nextLong(), shape);
            Tensor y = x.transpose(perm);
            String label = Arrays.toString(shape) + " by " + Arrays.toString(perm);
            int[] expectedShape = new int[shape.length];
            for (int i = 0; i < perm.length; i++) {
                expectedShape[i] = shape[perm[i]];
            }
            assertArrayEquals(expectedShape, y.shape(), label);
            assertArrayEquals(Naive.transpose(x.toArray(), shape, perm), y.toArray(), EXACT, label);
        }
    }

    @Test
    void transposeWithoutArgumentsReversesTheAxes() {
        Tensor x = Tensor.randn(SEED, 2, 3, 4);
        assertArrayEquals(x.transpose(2, 1, 0).toArray(), x.transpose().toArray(), EXACT);
        assertArrayEquals(new int[] {4, 3, 2}, x.transpose().shape());
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.transpose().toArray(), EXACT);
    }

    @Test
    void transposeRejectsANonPermutation() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).transpose(0, 0));
        assertEquals("transpose: (2, 3): axes [0, 0] are not a permutation of 0..1", e.getMessage());
    }

    @Test
    void axisReductionsAgreeWithNaiveOnRandomShapes() {
        Random random = new Random(SEED + 1);
        int checked = 0;
        while (checked < CASES) {
            int[] shape = Naive.randomShape(random, MAX_RANK);
            if (shape.length == 0) {
                continue;
            }
            checked++;
            Tensor x = Tensor.randn(random.nextLong(), shape);
            int axis = random.nextInt(shape.length);
            int given = random.nextBoolean() ? axis : axis - shape.length;
            boolean keepDims = random.nextBoolean();
            String label = Arrays.toString(shape) + " axis " + given + " keepDims " + keepDims;
            int[] expectedShape = Naive.reducedShape(shape, axis, keepDims);
            double[] sums = Naive.reduce(x.toArray(), shape, axis, 0.0, Double::sum);
            double[] maxima = Naive.reduce(x.toArray(), shape, axis, Double.NEGATIVE_INFINITY, Math::max);
            double[] means = Arrays.stream(sums).map(s -> s / shape[axis]).toArray();

            assertArrayEquals(expectedShape, x.sum(given, keepDims).shape(), label);
            assertArrayEquals(sums, x.sum(given, keepDims).toArray(), SUM_TOLERANCE, label);
            assertArrayEquals(expectedShape, x.mean(given, keepDims).shape(), label);
            assertArrayEquals(means, x.mean(given, keepDims).toArray(), SUM_TOLERANCE, label);
            assertArrayEquals(expectedShape, x.max(given, keepDims).shape(), label);
            assertArrayEquals(maxima, x.max(given, keepDims).toArray(), EXACT, label);
        }
    }

    @Test
    void sumAndMeanOfAllElements() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(0, x.sum().rank());
        assertEquals(21.0, x.sum().item(), EXACT);
        assertEquals(3.5, x.mean().item(), EXACT);
    }

    @Test
    void axisOutOfRangeIsAShapeError() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).sum(2, false));
        assertEquals("sum: (2, 3): axis 2 is out of range for rank 2", e.getMessage());
        assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).max(-3, false));
    }

    @Test
    void argmaxTakesTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2, 2, 0}, 2, 3);
        assertArrayEquals(new double[] {1, 0}, x.argmax(1).toArray(), EXACT);
        assertArrayEquals(new double[] {1, 0}, x.argmax(-1).toArray(), EXACT);
        assertArrayEquals(new double[] {1, 0, 0}, x.argmax(0).toArray(), EXACT);
        assertArrayEquals(new int[] {3}, x.argmax(0).shape());
    }

    @Test
    void argmaxAgreesWithNaiveOnRandomShapes() {
        Random random = new Random(SEED + 2);
        for (int c = 0; c < CASES; c++) {
            int[] shape = Naive.randomShape(random, MAX_RANK);
            if (shape.length == 0) {
                continue;
            }
            int axis = random.nextInt(shape.length);
            Tensor x = Tensor.randn(random.nextLong(), shape);
            double[] values = x.toArray();
            int[] outShape = Naive.reducedShape(shape, axis, false);
            double[] expected = new double[Naive.size(outShape)];
            double[] best = new double[expected.length];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            for (int e = 0; e < values.length; e++) {
                int[] index = Naive.unravel(e, shape);
                int j = index[axis];
                index[axis] = 0;
                int r = Naive.ravel(index, Naive.reducedShape(shape, axis, true));
                if (values[e] > best[r]) {
                    best[r] = values[e];
                    expected[r] = j;
                }
            }
            String label = Arrays.toString(shape) + " axis " + axis;
            assertArrayEquals(outShape, x.argmax(axis).shape(), label);
            assertArrayEquals(expected, x.argmax(axis).toArray(), EXACT, label);
        }
    }

    @Test
    void softmaxAndLogSoftmaxStayFiniteAtExtremeInputs() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, -1000, -1000, -1000, 1000, 1000, 999}, 3, 3);
        for (int axis : new int[] {0, 1}) {
            double[] p = x.softmax(axis).toArray();
            double[] logp = x.logSoftmax(axis).toArray();
            assertTrue(Arrays.stream(p).allMatch(Double::isFinite), "softmax axis " + axis);
            assertTrue(Arrays.stream(logp).allMatch(Double::isFinite), "logSoftmax axis " + axis);
            double[] sums = x.softmax(axis).sum(axis, false).toArray();
            assertArrayEquals(new double[] {1, 1, 1}, sums, SUM_TOLERANCE, "sums along axis " + axis);
        }
        double[] rows = x.logSoftmax(1).toArray();
        double third = Math.log(3);
        double pair = Math.log(2 + Math.exp(-1));
        assertArrayEquals(new double[] {0, -2000, -1000, -third, -third, -third, -pair, -pair, -1 - pair}, rows,
                SUM_TOLERANCE);
    }

    @Test
    void softmaxAgreesWithItsDefinitionOnSmallInputs() {
        Tensor x = Tensor.randn(SEED, 2, 3, 4);
        for (int axis = -3; axis < 3; axis++) {
            int a = axis < 0 ? axis + 3 : axis;
            double[] exp = Arrays.stream(x.toArray()).map(Math::exp).toArray();
            double[] sums = Naive.reduce(exp, x.shape(), a, 0.0, Double::sum);
            int[] kept = Naive.reducedShape(x.shape(), a, true);
            double[] expected = Naive.broadcast(exp, x.shape(), sums, kept, x.shape(), (e, s) -> e / s);
            assertArrayEquals(expected, x.softmax(axis).toArray(), SUM_TOLERANCE, "axis " + axis);
            double[] logExpected = Arrays.stream(expected).map(Math::log).toArray();
            assertArrayEquals(logExpected, x.logSoftmax(axis).toArray(), SUM_TOLERANCE, "axis " + axis);
        }
    }

    @Test
    void toStringShowsShapeAndAtMostTenValues() {
        assertEquals("Tensor(2,) [1.0, 2.0]", Tensor.of(new double[] {1, 2}, 2).toString());
        assertEquals("Tensor(12,) [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ...]", Tensor.zeros(12).toString());
    }

    private static int[] randomPermutation(Random random, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
