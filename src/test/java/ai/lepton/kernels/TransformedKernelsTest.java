package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A kept transform is reused for the same, unchanged kernel array only, and a convolution that
 * keeps nothing for backward (inference, which uses it) gives the same bits as one that does.
 */
class TransformedKernelsTest {

    private static double[] random(long seed, int n) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] transform(double[] kernel, int channels, int filters) {
        double[] u = new double[Winograd.POINTS * channels * filters];
        Winograd.transformKernel(kernel, channels, filters, u);
        return u;
    }

    /** Point ξ's matrices, as they lie in the one transform they were packed from. */
    private static double[] unpacked(PackedMatrix[] points) {
        assertEquals(Winograd.POINTS, points.length);
        for (int xi = 0; xi < points.length; xi++) {
            assertSame(points[0].b, points[xi].b);
            assertEquals(xi * points[0].k * points[0].n, points[xi].bOff);
        }
        return points[0].b;
    }

    @Test
    void aKernelChangedInPlaceIsTransformedAgain() {
        double[] kernel = random(1, 9 * 8 * 5);
        PackedMatrix[] first = TransformedKernels.of(kernel, 8, 5);
        assertArrayEquals(transform(kernel, 8, 5), unpacked(first), 0.0);
        assertSame(first, TransformedKernels.of(kernel, 8, 5));
        // An equal copy is another array: its own entry, the same values.
        assertArrayEquals(unpacked(first), unpacked(TransformedKernels.of(kernel.clone(), 8, 5)), 0.0);
        kernel[9 * 8 * 5 - 1] += 1e-12;
        PackedMatrix[] changed = TransformedKernels.of(kernel, 8, 5);
        assertNotSame(first, changed);
        assertArrayEquals(transform(kernel, 8, 5), unpacked(changed), 0.0);
        // The same array read as another shape is transformed for that shape.
        assertArrayEquals(transform(kernel, 5, 8), unpacked(TransformedKernels.of(kernel, 5, 8)), 0.0);
    }

    @Test
    void inferenceGivesTheTrainingForwardBitsAndFollowsTheKernel() {
        // 17 images: a group of 16 (products of 144 rows, packed) and one of 1 (9 rows).
        SlidingWindow w = new SlidingWindow(17, 11, 11, 32, 3, 3, 1, 1, Padding.VALID);
        double[] x = random(2, (int) w.inputSize());
        double[] kernel = random(3, w.patchSize() * 64);
        double[] bias = random(4, 64);
        for (int round = 0; round < 3; round++) {
            double[] training = new double[(int) w.positions() * 64];
            double[] inference = new double[training.length];
            WinogradConvolution.INSTANCE.forward(w, x, kernel, 64, bias, true, Convolution.Keep.FOR_INPUT_GRADIENT,
                    training);
            WinogradConvolution.INSTANCE.forward(w, x, kernel, 64, bias, true, Convolution.Keep.NOTHING, inference);
            assertArrayEquals(training, inference, 0.0, "round " + round);
            kernel[round * 100] *= -2;
        }
    }
}
