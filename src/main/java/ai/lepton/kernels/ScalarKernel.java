package ai.lepton.kernels;

import java.util.Arrays;

/**
 * The plain-Java GEMM micro-kernel, for JVMs started without the Vector API module.
 *
 * <p>Its inner loop runs along a row of a wide tile, so HotSpot's auto-vectorizer (SuperWord)
 * turns it into SIMD code; four rows and four values of p per pass keep loads and stores of C
 * to a quarter of the arithmetic.
 */
final class ScalarKernel implements MicroKernel {

    /** The only instance: the kernel has no state. */
    static final ScalarKernel INSTANCE = new ScalarKernel();

    private static final int MR = 4;
    private static final int NR = 64;
    private static final int UNROLL = 4;

    private ScalarKernel() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public int kc() {
        return 128;
    }

    @Override
    public int mc() {
        return 128;
    }

    @Override
    public int nc() {
        return 512;
    }

    @Override
    public void multiply(int kc, double[] a, int aIdx, int aRow, int aDepth, double[] b, int bIdx,
                         double[] c, int cIdx, int ldc, boolean accumulate) {
        int c0 = cIdx;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        if (!accumulate) {
            for (int i = 0; i < MR; i++) {
                Arrays.fill(c, cIdx + i * ldc, cIdx + i * ldc + NR, 0.0);
            }
        }
        int r1 = aRow;
        int r2 = 2 * aRow;
        int r3 = 3 * aRow;
        int p = 0;
        for (; p + UNROLL <= kc; p += UNROLL) {
            int q0 = aIdx + p * aDepth;
            int q1 = q0 + aDepth;
            int q2 = q1 + aDepth;
            int q3 = q2 + aDepth;
            double a00 = a[q0];
            double a10 = a[q0 + r1];
            double a20 = a[q0 + r2];
            double a30 = a[q0 + r3];
            double a01 = a[q1];
            double a11 = a[q1 + r1];
            double a21 = a[q1 + r2];
            double a31 = a[q1 + r3];
            double a02 = a[q2];
            double a12 = a[q2 + r1];
            double a22 = a[q2 + r2];
            double a32 = a[q2 + r3];
            double a03 = a[q3];
            double a13 = a[q3 + r1];
            double a23 = a[q3 + r2];
            double a33 = a[q3 + r3];
            int b0 = bIdx + p * NR;
            int b1 = b0 + NR;
            int b2 = b1 + NR;
            int b3 = b2 + NR;
            for (int j = 0; j < NR; j++) {
                double x0 = b[b0 + j];
                double x1 = b[b1 + j];
                double x2 = b[b2 + j];
                double x3 = b[b3 + j];
                c[c0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
                c[c1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
                c[c2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
                c[c3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
            }
        }
        for (; p < kc; p++) {
            int q = aIdx + p * aDepth;
            double a0 = a[q];
            double a1 = a[q + r1];
            double a2 = a[q + r2];
            double a3 = a[q + r3];
            int b0 = bIdx + p * NR;
            for (int j = 0; j < NR; j++) {
                double x = b[b0 + j];
                c[c0 + j] += a0 * x;
                c[c1 + j] += a1 * x;
                c[c2 + j] += a2 * x;
                c[c3 + j] += a3 * x;
            }
        }
    }
}
