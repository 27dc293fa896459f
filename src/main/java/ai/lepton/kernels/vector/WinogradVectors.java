package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Winograd's 1-D transforms on the Vector API ({@code ai.lepton.kernels.WinogradLoops} documents
 * the arithmetic): each element computed with the plain version's operations in the same order,
 * so the results are bit-identical to it. Internal to Lepton.
 */
public final class WinogradVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** G's entries, as factors. */
    private static final double QUARTER = 0.25;
    private static final double SIXTH = 1.0 / 6;
    private static final double TWELFTH = 1.0 / 12;
    private static final double TWENTY_FOURTH = 1.0 / 24;

    private WinogradVectors() {
    }

    /**
     * The doubles per vector. The loops here handle whole vectors only: their callers finish the
     * last {@code n mod lanes} elements in plain Java.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
    }

    /**
     * dst[a] = Σ_i Bᵀ[a][i] src[i], 6 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector d2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector d3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector d4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector d5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector odd1 = d4.sub(d2.mul(4));
            DoubleVector odd2 = d3.sub(d1.mul(4));
            DoubleVector even1 = d4.sub(d2);
            DoubleVector even2 = d3.sub(d1).mul(2);
            d0.mul(4).sub(d2.mul(5)).add(d4).intoArray(d, dOff + k);
            odd1.add(odd2).intoArray(d, dOff + dStep + k);
            odd1.sub(odd2).intoArray(d, dOff + 2 * dStep + k);
            even1.add(even2).intoArray(d, dOff + 3 * dStep + k);
            even1.sub(even2).intoArray(d, dOff + 4 * dStep + k);
            d1.mul(4).sub(d3.mul(5)).add(d5).intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[i] = Σ_a Bᵀ[a][i] src[a], 6 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector v0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector v1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector v2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector v3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector v4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector v5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector sum12 = v1.add(v2);
            DoubleVector diff12 = v2.sub(v1);
            DoubleVector sum34 = v3.add(v4);
            DoubleVector diff34 = v3.sub(v4);
            v0.mul(4).intoArray(d, dOff + k);
            diff12.mul(4).sub(diff34.mul(2)).add(v5.mul(4)).intoArray(d, dOff + dStep + k);
            v0.mul(-5).sub(sum12.mul(4)).sub(sum34).intoArray(d, dOff + 2 * dStep + k);
            diff12.neg().add(diff34.mul(2)).sub(v5.mul(5)).intoArray(d, dOff + 3 * dStep + k);
            v0.add(sum12).add(sum34).intoArray(d, dOff + 4 * dStep + k);
            v5.intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[o] = Σ_a Aᵀ[o][a] src[a], 4 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector m0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector m1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector m2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector m3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector m4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector m5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector sum12 = m1.add(m2);
            DoubleVector diff12 = m1.sub(m2);
            DoubleVector sum34 = m3.add(m4);
            DoubleVector diff34 = m3.sub(m4);
            m0.add(sum12).add(sum34).intoArray(d, dOff + k);
            diff12.add(diff34.mul(2)).intoArray(d, dOff + dStep + k);
            sum12.add(sum34.mul(4)).intoArray(d, dOff + 2 * dStep + k);
            diff12.add(diff34.mul(8)).add(m5).intoArray(d, dOff + 3 * dStep + k);
        }
    }

    /**
     * dst[a] = Σ_o Aᵀ[o][a] src[o], 6 runs from 4.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector even = g0.add(g2.mul(4));
            DoubleVector odd = g1.mul(2).add(g3.mul(8));
            g0.intoArray(d, dOff + k);
            g0.add(g1).add(g2).add(g3).intoArray(d, dOff + dStep + k);
            g0.sub(g1).add(g2).sub(g3).intoArray(d, dOff + 2 * dStep + k);
            even.add(odd).intoArray(d, dOff + 3 * dStep + k);
            even.sub(odd).intoArray(d, dOff + 4 * dStep + k);
            g3.intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[a] = Σ_r G[a][r] src[r], 6 runs from 3.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void kernelForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector even = g0.add(g2);
            DoubleVector g0w = g0.mul(TWENTY_FOURTH);
            DoubleVector g1w = g1.mul(TWELFTH);
            DoubleVector g2w = g2.mul(SIXTH);
            g0.mul(QUARTER).intoArray(d, dOff + k);
            even.add(g1).neg().mul(SIXTH).intoArray(d, dOff + dStep + k);
            even.sub(g1).neg().mul(SIXTH).intoArray(d, dOff + 2 * dStep + k);
            g0w.add(g1w).add(g2w).intoArray(d, dOff + 3 * dStep + k);
            g0w.sub(g1w).add(g2w).intoArray(d, dOff + 4 * dStep + k);
            g2.intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[r] = Σ_a G[a][r] src[a], 3 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void kernelAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector u0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector u2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector u3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector u4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector u5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector sum12 = u1.add(u2);
            DoubleVector sum34 = u3.add(u4);
            u0.mul(QUARTER).sub(sum12.mul(SIXTH)).add(sum34.mul(TWENTY_FOURTH)).intoArray(d, dOff + k);
            u2.sub(u1).mul(SIXTH).add(u3.sub(u4).mul(TWELFTH)).intoArray(d, dOff + dStep + k);
            sum34.sub(u1).sub(u2).mul(SIXTH).add(u5).intoArray(d, dOff + 2 * dStep + k);
        }
    }
}
