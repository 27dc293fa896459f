package ai.lepton.kernels;

import ai.lepton.kernels.vector.GateVectors;

/**
 * The Vector API {@link GateLoops}: whole vectors in {@link GateVectors}, the rest through
 * {@link ScalarGateLoops}, with the same operations in the same order.
 */
final class VectorGateLoops implements GateLoops {

    private static final int LANES = GateVectors.lanes();
    private static final GateLoops SCALAR = ScalarGateLoops.INSTANCE;

    @Override
    public void sigmoid(double[] v, int off, int n) {
        int whole = n - n % LANES;
        GateVectors.sigmoid(v, off, whole);
        SCALAR.sigmoid(v, off + whole, n - whole);
    }

    @Override
    public void tanh(double[] v, int off, int n) {
        int whole = n - n % LANES;
        GateVectors.tanh(v, off, whole);
        SCALAR.tanh(v, off + whole, n - whole);
    }
}
