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
}
