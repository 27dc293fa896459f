package ai.lepton.kernels;

import ai.lepton.kernels.vector.VectorLoops;

/**
 * The Vector API {@link Simd}. Creating one loads the Vector API, so
 * {@link Simd#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorSimd implements Simd {

    /** The doubles per vector; the plain loops finish what is left past the last whole one. */
    private static final int LANES = VectorLoops.lanes();
    private static final Simd SCALAR = ScalarSimd.INSTANCE;

    @Override
    public void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        VectorLoops.inputForward(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.inputForward(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        VectorLoops.inputAdjoint(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.inputAdjoint(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        VectorLoops.outputForward(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.outputForward(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        VectorLoops.outputAdjoint(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.outputAdjoint(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu) {
        int whole = cols - cols % LANES;
        VectorLoops.biasRelu(y, off, ld, rows, whole, bias, biasOff, relu);
        SCALAR.biasRelu(y, off + whole, ld, rows, cols - whole, bias, biasOff + whole, relu);
    }

    @Override
    public void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                         double[] sums, int sumsOff) {
        VectorLoops.reluMask(g, gOff, y, yOff, dz, dzOff, rows, cols, sums, sumsOff, BiasRelu.HALF_SCALE);
    }

    @Override
    public void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff) {
        VectorLoops.columnSums(g, off, rows, cols, sums, sumsOff);
    }

    @Override
    public void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o) {
        int whole = c - c % LANES;
        VectorLoops.maxOfFour(x, first, second, third, fourth, whole, y, o);
        SCALAR.maxOfFour(x, first + whole, second + whole, third + whole, fourth + whole, c - whole, y, o + whole);
    }

    @Override
    public void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o,
                                  double[] dy, int d, double[] dx, int shift) {
        int whole = c - c % LANES;
        VectorLoops.maxOfFourBackward(x, first, second, third, fourth, whole, y, o, dy, d, dx, shift);
        SCALAR.maxOfFourBackward(x, first + whole, second + whole, third + whole, fourth + whole, c - whole,
                y, o + whole, dy, d + whole, dx, shift);
    }

    @Override
    public void convRow(double[] x, int xOff, int pixStep, int[] taps, double[] k, int filters, double[] bias,
                        boolean relu, double[] y, int yOff, int count) {
        VectorLoops.convRow(x, xOff, pixStep, taps, k, filters, bias, relu, y, yOff, count);
    }

    @Override
    public void convRowGrad(double[] x, int xOff, int pixStep, int[] taps, double[] g, int gOff, int filters,
                            int count, double[] dk, int dkOff, double[] sums, int sumsOff) {
        VectorLoops.convRowGrad(x, xOff, pixStep, taps, g, gOff, filters, count, dk, dkOff, sums, sumsOff);
    }
}
