package ai.lepton.kernels;

import java.util.Random;

/** Test inputs for the loops whose two implementations must agree bit for bit. */
final class SpecialValues {
    private SpecialValues() {
    }

    /** Gaussian values with a few NaNs, infinities and negative zeros mixed in. */
    static double[] of(Random random, int n) {
        double[] a = new double[n];
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(20) == 0 ? special[random.nextInt(special.length)] : random.nextGaussian();
        }
        return a;
    }
}
