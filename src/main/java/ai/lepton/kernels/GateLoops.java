package ai.lepton.kernels;

/**
 * The transcendental loops of the recurrent cells, the logistic function and tanh applied in
 * place to a run of doubles, twice: {@link VectorGateLoops} on the Vector API (chosen with the
 * GEMM's micro-kernel) and {@link ScalarGateLoops} in plain Java. Both build e^x from the same
 * operations in the same order, so their results are bit-identical:
 *
 * <pre>
 * x' = min(max(x, -708), 709)             keeps 2^k a normal double
 * t  = x'·log2(e) + 1.5·2^52               k = t - 1.5·2^52 is x'/ln 2 rounded to an integer
 * r  = (x' - k·ln2hi) - k·ln2lo            Cody and Waite's reduction, |r| ≤ ~0.35
 * e^x = p(r) · 2^k                          p: Taylor's polynomial of degree 13 by Horner's rule,
 *                                           2^k: the exponent bits of k + 1023
 * sigmoid(x) = 1 / (1 + e^-x)
 * tanh(x)    = sign(x)·(1 - e) / (1 + e),  e = e^(-2|x|)
 * </pre>
 *
 * The polynomial's truncation error is below 1e-17 on the reduced range, so e^x is within a few
 * ulps (within one of {@code Math.exp} in a test of millions of arguments); the logistic function
 * and tanh are within 4e-16 absolutely. NaN stays NaN. {@code Math.exp} is not used because the
 * JIT cannot vectorize it: it took ~15 ns a call here, the vector loop under 1 ns an element.
 */
interface GateLoops {

    /** The implementation in use. */
    GateLoops SELECTED = Gemm.usesVectorApi() ? new VectorGateLoops() : ScalarGateLoops.INSTANCE;

    /**
     * {@code v[i] = 1 / (1 + e^-v[i])} for {@code i} in {@code [off, off + n)}.
     *
     * @param v the values (modified)
     * @param off the first index
     * @param n how many
     */
    void sigmoid(double[] v, int off, int n);

    /**
     * {@code v[i] = tanh v[i]} for {@code i} in {@code [off, off + n)}.
     *
     * @param v the values (modified)
     * @param off the first index
     * @param n how many
     */
    void tanh(double[] v, int off, int n);
}
