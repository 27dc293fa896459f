package ai.lepton.kernels;

import ai.lepton.kernels.vector.RegisterTileVectors;

/**
 * The Vector API register tile seen through {@link RegisterTile}. Creating one loads the Vector
 * API, so {@link Gemm} does so only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorRegisterTile implements RegisterTile {

    private final int mr = RegisterTileVectors.mr();
    private final int nr = RegisterTileVectors.nr();

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return nr;
    }

    /**
     * A depth of 256: shallower or deeper blocks ran no faster, and much deeper ones let C2 compile
     * the tile for depths it then runs slowly at (docs/performance.md, "Tuning notes"). The scalar
     * tile uses the same depth, so that both split every sum at the same places.
     */
    @Override
    public int kc() {
        return ScalarRegisterTile.KC;
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
        RegisterTileVectors.multiply(kc, a, aIdx, aRow, aDepth, b, bIdx, c, cIdx, ldc, accumulate);
    }

    /** Describes the vector shape in use, e.g. "512-bit vectors, 3×32 tile", for the log. */
    @Override
    public String toString() {
        return RegisterTileVectors.describe();
    }
}
