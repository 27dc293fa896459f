package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transposed convolution is the direct convolution's adjoint: for any a and b,
 * {@code <conv(a), b> = <a, convT(b)>}; its gradients are the direct convolution's forward pass
 * and kernel gradient with the roles of input and output gradient swapped.
 */
class TransposedConvolutionTest {
    private static final double TOLERANCE = 1e-10;

    private static final SlidingWindow[] WINDOWS = {
        new SlidingWindow(5, 8, 7, 3, 3, 3, 2, 2, 1, 1, 0, 1, 1, 1),
        new SlidingWindow(3, 7, 6, 9, 4, 3, 2, 1, 1, 1, 1, 2, 1, 1),
        new SlidingWindow(2, 6, 6, 2, 3, 2, 1, 1, 2, 2, 2, 2, 1, 0),
    };

    @Test
    void forwardIsTheAdjointOfTheDirectConvolution() {
        Random random = new Random(7);
        for (SlidingWindow w : WINDOWS) {
            int in = 4;
            double[] image = random(random, (int) w.inputSize());
            double[] small = random(random, (int) w.positions() * in);
            double[] kernel = random(random, w.patchSize() * in);
            double[] direct = new double[small.length];
            Convolution.choose(w).forward(w, image, kernel, in, null, false, Convolution.Keep.NOTHING, direct);
            double[] transposed = new double[image.length];
            TransposedConvolution.forward(w, small, kernel, in, transposed);
            assertEquals(dot(direct, small), dot(image, transposed), TOLERANCE * Math.abs(dot(direct, small)) + TOLERANCE, w.toString());
        }
    }

    @Test
    void gradientsAreTheDirectConvolutionsForwardAndKernelGradient() {
        Random random = new Random(9);
        for (SlidingWindow w : WINDOWS) {
            int in = 3;
            double[] x = random(random, (int) w.positions() * in);
            double[] kernel = random(random, w.patchSize() * in);
            double[] dy = random(random, (int) w.inputSize());
            double[] dx = new double[x.length];
            double[] dKernel = new double[kernel.length];
            TransposedConvolution.backward(w, x, kernel, in, dy, dx, dKernel);
            double[] expectedDx = new double[x.length];
            Convolution.Pass pass = Convolution.choose(w).forward(w, dy, kernel, in, null, false,
                    Convolution.Keep.FOR_KERNEL_GRADIENT, expectedDx);
            double[] expectedDKernel = new double[kernel.length];
            pass.backward(x, null, expectedDKernel, null);
            assertArrayEquals(expectedDx, dx, TOLERANCE, w + ": dx");
            assertArrayEquals(expectedDKernel, dKernel, TOLERANCE, w + ": dKernel");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] random(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
