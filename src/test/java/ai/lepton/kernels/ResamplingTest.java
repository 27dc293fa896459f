package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.kernels.Resampling.FillMode;
import ai.lepton.kernels.Resampling.Interpolation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    private static final int B = 3;
    private static final int H = 5;
    private static final int W = 7;
    private static final int C = 2;
    private static final double[] ROTATE_AND_SHEAR = {0.8, -0.6, 2.1, 0.7, 0.9, -1.3};
    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return v;
    }

    private static double[] perImage(double[] t) {
        double[] all = new double[6 * B];
        for (int b = 0; b < B; b++) {
            System.arraycopy(t, 0, all, 6 * b, 6);
        }
        return all;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theIdentityTransformAndTheSameSizeCopyTheInput() {
        double[] x = random(1, B * H * W * C);
        double[] y = new double[x.length];
        for (FillMode fill : FillMode.values()) {
            for (Interpolation interpolation : Interpolation.values()) {
                Resampling.affine(x, B, H, W, C, perImage(new double[] {1, 0, 0, 0, 1, 0}), interpolation, fill, 7.0, y);
                assertArrayEquals(x, y, 0.0, fill + " " + interpolation);
                Resampling.resize(x, B, H, W, C, H, W, interpolation, y);
                assertArrayEquals(x, y, 0.0, "resize " + interpolation);
            }
        }
    }

    /** Backward is the adjoint of forward: {@code <A x, g> = <x, A^T g>} (constant fill of 0 keeps A linear). */
    @Test
    void backwardIsTheAdjointOfForward() {
        double[] x = random(2, B * H * W * C);
        for (Interpolation interpolation : Interpolation.values()) {
            for (FillMode fill : FillMode.values()) {
                double[] y = new double[x.length];
                double[] g = random(3, x.length);
                double[] dx = random(4, x.length);
                Resampling.affine(x, B, H, W, C, perImage(ROTATE_AND_SHEAR), interpolation, fill, 0.0, y);
                Resampling.affineBackward(g, B, H, W, C, perImage(ROTATE_AND_SHEAR), interpolation, fill, dx);
                assertEquals(dot(y, g), dot(x, dx), 1e-12, fill + " " + interpolation);
            }
            double[] up = new double[B * 9 * 4 * C];
            double[] g = random(5, up.length);
            double[] dx = new double[x.length];
            Resampling.resize(x, B, H, W, C, 9, 4, interpolation, up);
            Resampling.resizeBackward(g, B, H, W, C, 9, 4, interpolation, dx);
            assertEquals(dot(up, g), dot(x, dx), 1e-12, "resize " + interpolation);
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        double[] x = random(6, B * H * W * C);
        double[][] results = new double[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            double[] y = new double[x.length];
            Resampling.affine(x, B, H, W, C, perImage(ROTATE_AND_SHEAR), Interpolation.BILINEAR, FillMode.REFLECT, 0, y);
            double[] dx = new double[x.length];
            Resampling.affineBackward(y, B, H, W, C, perImage(ROTATE_AND_SHEAR), Interpolation.BILINEAR, FillMode.REFLECT, dx);
            results[t - 1] = dx;
        }
        assertArrayEquals(results[0], results[1], 0.0);
    }
}
