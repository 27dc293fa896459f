package ai.lepton.kernels;

import ai.lepton.kernels.vector.VectorMicroKernel;
import ai.lepton.kernels.vector.VectorThinKernel;

/**
 * The Vector API micro-kernel seen through {@link MicroKernel}. Creating one loads the Vector API,
 * so {@link Gemm} does so only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorKernel implements MicroKernel {

    private final int mr = VectorMicroKernel.mr();
    private final int nr = VectorMicroKernel.nr();

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return nr;
    }

    @Override
    public int kc() {
        return 256;
    }

    @Override
    public int mc() {
        return 96;
    }

    @Override
    public int nc() {
        return 512;
    }

    @Override
    public void multiplyAdd(int kc, double[] a, int aIdx, double[] b, int bIdx, double[] c, int cIdx, int ldc) {
        VectorMicroKernel.multiplyAdd(kc, a, aIdx, b, bIdx, c, cIdx, ldc);
    }

    @Override
    public boolean hasThinPath(int n) {
        return n % VectorThinKernel.columnMultiple() == 0;
    }

    @Override
    public void multiplyThin(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc) {
        VectorThinKernel.multiplyAdd(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** Describes the vector shape in use, e.g. "512-bit vectors, 6×16 tile", for the log. */
    @Override
    public String toString() {
        return VectorMicroKernel.describe();
    }
}
