package ai.lepton.kernels;

import ai.lepton.kernels.vector.MaxPoolVectors;

/**
 * {@link MaxPoolLoops} on the Vector API, through {@link MaxPoolVectors}. Creating one loads the
 * Vector API, so {@link MaxPoolLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorMaxPoolLoops implements MaxPoolLoops {

    /** The doubles per vector; the plain loops finish what is left past the last whole one. */
    private static final int LANES = MaxPoolVectors.lanes();
    private static final MaxPoolLoops SCALAR = ScalarMaxPoolLoops.INSTANCE;

    @Override
    public void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o) {
        int whole = c - c % LANES;
        MaxPoolVectors.maxOfFour(x, first, second, third, fourth, whole, y, o);
        SCALAR.maxOfFour(x, first + whole, second + whole, third + whole, fourth + whole, c - whole, y, o + whole);
    }

    @Override
    public void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o,
                                  double[] dy, int d, double[] dx, int shift) {
        int whole = c - c % LANES;
        MaxPoolVectors.maxOfFourBackward(x, first, second, third, fourth, whole, y, o, dy, d, dx, shift);
        SCALAR.maxOfFourBackward(x, first + whole, second + whole, third + whole, fourth + whole, c - whole,
                y, o + whole, dy, d + whole, dx, shift);
    }

    @Override
    public void maxOfCells(double[] x, int[] cells, int n, double[] y, int o, int from, int to) {
        int whole = to - (to - from) % LANES;
        MaxPoolVectors.maxOfCells(x, cells, n, y, o, from, whole);
        SCALAR.maxOfCells(x, cells, n, y, o, whole, to);
    }

    @Override
    public void maxOfCellsBackward(double[] x, int[] cells, int n, double[] y, int o, double[] dy, int d, double[] dx,
                                   int shift, int from, int to) {
        int whole = to - (to - from) % LANES;
        int missing = MaxPoolVectors.maxOfCellsBackward(x, cells, n, y, o, dy, d, dx, shift, from, whole);
        if (missing >= 0) {
            throw MaxPoolLoops.notInWindow(y[o + missing]);
        }
        SCALAR.maxOfCellsBackward(x, cells, n, y, o, dy, d, dx, shift, whole, to);
    }
}
