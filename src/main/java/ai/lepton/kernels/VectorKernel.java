package ai.lepton.kernels;

import ai.lepton.kernels.vector.VectorMicroKernel;

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

    /**
     * A depth of 256. On 1024³ the depths 128 to 512 were equal within the noise (the register
     * tile alone runs at 57 GFLOP/s on one core here at any of them); but never much deeper: a
     * micro-kernel that C2 profiled and compiled on depths of 900 or more ran at 6 GFLOP/s.
     */
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
    public void multiply(int kc, double[] a, int aIdx, int aRow, int aDepth, double[] b, int bIdx,
                         double[] c, int cIdx, int ldc, boolean accumulate) {
        VectorMicroKernel.multiply(kc, a, aIdx, aRow, aDepth, b, bIdx, c, cIdx, ldc, accumulate);
    }

    /** Describes the vector shape in use, e.g. "512-bit vectors, 3×32 tile", for the log. */
    @Override
    public String toString() {
        return VectorMicroKernel.describe();
    }
}
