package ai.lepton.kernels;

import ai.lepton.kernels.vector.WinogradVectors;

/**
 * {@link WinogradLoops} on the Vector API, through {@link WinogradVectors}. Creating one loads the
 * Vector API, so {@link WinogradLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorWinogradLoops implements WinogradLoops {

    /** The doubles per vector; the plain loops finish what is left past the last whole one. */
    private static final int LANES = WinogradVectors.lanes();
    private static final WinogradLoops SCALAR = ScalarWinogradLoops.INSTANCE;

    @Override
    public void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.inputForward(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.inputForward(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.inputAdjoint(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.inputAdjoint(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.outputForward(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.outputForward(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.outputAdjoint(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.outputAdjoint(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void kernelForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.kernelForward(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.kernelForward(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }

    @Override
    public void kernelAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        int whole = n - n % LANES;
        WinogradVectors.kernelAdjoint(s, sOff, sStep, d, dOff, dStep, whole);
        SCALAR.kernelAdjoint(s, sOff + whole, sStep, d, dOff + whole, dStep, n - whole);
    }
}
