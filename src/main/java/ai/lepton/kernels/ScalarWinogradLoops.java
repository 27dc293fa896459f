package ai.lepton.kernels;

/**
 * {@link WinogradLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarWinogradLoops implements WinogradLoops {

    static final ScalarWinogradLoops INSTANCE = new ScalarWinogradLoops();

    /** G's entries, as factors. */
    private static final double QUARTER = 0.25;
    private static final double SIXTH = 1.0 / 6;
    private static final double TWELFTH = 1.0 / 12;
    private static final double TWENTY_FOURTH = 1.0 / 24;

    private ScalarWinogradLoops() {
    }

    @Override
    public void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double d0 = s[sOff + k];
            double d1 = s[sOff + sStep + k];
            double d2 = s[sOff + 2 * sStep + k];
            double d3 = s[sOff + 3 * sStep + k];
            double d4 = s[sOff + 4 * sStep + k];
            double d5 = s[sOff + 5 * sStep + k];
            double odd1 = d4 - 4 * d2;
            double odd2 = d3 - 4 * d1;
            double even1 = d4 - d2;
            double even2 = 2 * (d3 - d1);
            d[dOff + k] = 4 * d0 - 5 * d2 + d4;
            d[dOff + dStep + k] = odd1 + odd2;
            d[dOff + 2 * dStep + k] = odd1 - odd2;
            d[dOff + 3 * dStep + k] = even1 + even2;
            d[dOff + 4 * dStep + k] = even1 - even2;
            d[dOff + 5 * dStep + k] = 4 * d1 - 5 * d3 + d5;
        }
    }

    @Override
    public void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double v0 = s[sOff + k];
            double v1 = s[sOff + sStep + k];
            double v2 = s[sOff + 2 * sStep + k];
            double v3 = s[sOff + 3 * sStep + k];
            double v4 = s[sOff + 4 * sStep + k];
            double v5 = s[sOff + 5 * sStep + k];
            double sum12 = v1 + v2;
            double diff12 = v2 - v1;
            double sum34 = v3 + v4;
            double diff34 = v3 - v4;
            d[dOff + k] = 4 * v0;
            d[dOff + dStep + k] = 4 * diff12 - 2 * diff34 + 4 * v5;
            d[dOff + 2 * dStep + k] = -5 * v0 - 4 * sum12 - sum34;
            d[dOff + 3 * dStep + k] = -diff12 + 2 * diff34 - 5 * v5;
            d[dOff + 4 * dStep + k] = v0 + sum12 + sum34;
            d[dOff + 5 * dStep + k] = v5;
        }
    }

    @Override
    public void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double m0 = s[sOff + k];
            double m1 = s[sOff + sStep + k];
            double m2 = s[sOff + 2 * sStep + k];
            double m3 = s[sOff + 3 * sStep + k];
            double m4 = s[sOff + 4 * sStep + k];
            double m5 = s[sOff + 5 * sStep + k];
            double sum12 = m1 + m2;
            double diff12 = m1 - m2;
            double sum34 = m3 + m4;
            double diff34 = m3 - m4;
            d[dOff + k] = m0 + sum12 + sum34;
            d[dOff + dStep + k] = diff12 + 2 * diff34;
            d[dOff + 2 * dStep + k] = sum12 + 4 * sum34;
            d[dOff + 3 * dStep + k] = diff12 + 8 * diff34 + m5;
        }
    }

    @Override
    public void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double g0 = s[sOff + k];
            double g1 = s[sOff + sStep + k];
            double g2 = s[sOff + 2 * sStep + k];
            double g3 = s[sOff + 3 * sStep + k];
            double even = g0 + 4 * g2;
            double odd = 2 * g1 + 8 * g3;
            d[dOff + k] = g0;
            d[dOff + dStep + k] = g0 + g1 + g2 + g3;
            d[dOff + 2 * dStep + k] = g0 - g1 + g2 - g3;
            d[dOff + 3 * dStep + k] = even + odd;
            d[dOff + 4 * dStep + k] = even - odd;
            d[dOff + 5 * dStep + k] = g3;
        }
    }

    @Override
    public void kernelForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double g0 = s[sOff + k];
            double g1 = s[sOff + sStep + k];
            double g2 = s[sOff + 2 * sStep + k];
            double even = g0 + g2;
            d[dOff + k] = g0 * QUARTER;
            d[dOff + dStep + k] = -(even + g1) * SIXTH;
            d[dOff + 2 * dStep + k] = -(even - g1) * SIXTH;
            d[dOff + 3 * dStep + k] = g0 * TWENTY_FOURTH + g1 * TWELFTH + g2 * SIXTH;
            d[dOff + 4 * dStep + k] = g0 * TWENTY_FOURTH - g1 * TWELFTH + g2 * SIXTH;
            d[dOff + 5 * dStep + k] = g2;
        }
    }

    @Override
    public void kernelAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double u0 = s[sOff + k];
            double u1 = s[sOff + sStep + k];
            double u2 = s[sOff + 2 * sStep + k];
            double u3 = s[sOff + 3 * sStep + k];
            double u4 = s[sOff + 4 * sStep + k];
            double u5 = s[sOff + 5 * sStep + k];
            d[dOff + k] = u0 * QUARTER - (u1 + u2) * SIXTH + (u3 + u4) * TWENTY_FOURTH;
            d[dOff + dStep + k] = (u2 - u1) * SIXTH + (u3 - u4) * TWELFTH;
            d[dOff + 2 * dStep + k] = (u3 + u4 - u1 - u2) * SIXTH + u5;
        }
    }
}
