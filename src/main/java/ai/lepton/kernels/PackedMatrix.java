package ai.lepton.kernels;

/**
 * A product's right-hand operand op(B), packed once into the panels that the register tile reads,
 * for many products with the same B: {@link Gemm#pack}, then
 * {@link Gemm#gemm(int, double[], int, int, PackedMatrix, double[], int, int, boolean)}. It keeps
 * B itself too, for products too small to use the panels, and the tile it was packed for.
 *
 * <pre>{@code
 * double[] kernel = new double[64 * 256];
 * double[] state = new double[16 * 64];
 * double[] gates = new double[16 * 256];
 * PackedMatrix w = Gemm.pack(false, 64, 256, kernel, 0, 256);
 * Gemm.gemm(16, state, 0, 64, w, gates, 0, 256, true);   // gates += state · kernel
 * }</pre>
 */
public final class PackedMatrix {
    /** The register tile the panels are laid out for. */
    final RegisterTile tile;
    /** Whether B is stored transposed (n×k). */
    final boolean transB;
    /** Rows of op(B). */
    final int k;
    /** Columns of op(B). */
    final int n;
    /** B as stored, its first element's index and its row stride. */
    final double[] b;
    final int bOff;
    final int ldb;
    /** op(B) packed into panels of the tile's width. */
    final double[] panels;

    PackedMatrix(RegisterTile tile, boolean transB, int k, int n, double[] b, int bOff, int ldb, double[] panels) {
        this.tile = tile;
        this.transB = transB;
        this.k = k;
        this.n = n;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.panels = panels;
    }
}
