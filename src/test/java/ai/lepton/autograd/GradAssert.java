package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/** Gradient checks for the op tests: analytic gradients against central finite differences. */
final class GradAssert {
    /** The largest acceptable {@link GradCheck} error. */
    static final double TOLERANCE = 1e-6;
    private static final long WEIGHT_SEED = 99L;

    private GradAssert() {
    }

    /**
     * Checks the gradient of {@code sum(f(inputs) * w)} for fixed random weights {@code w}. The
     * weights matter: a plain sum would hide errors in ops whose outputs sum to a constant
     * (softmax) and weigh every output element alike.
     */
    static void assertGradientsMatch(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(in -> project(f.apply(in)), inputs);
        assertTrue(r.maxError() < TOLERANCE, () -> label + ": " + r);
        assertTrue(r.input() >= 0, () -> label + ": no input required a gradient");
    }

    private static Tensor project(Tensor y) {
        return y.mul(Tensor.randn(WEIGHT_SEED, y.shape())).sum();
    }

    /** A leaf requiring a gradient, standard normal. */
    static Tensor normal(long seed, int... shape) {
        return Tensor.randn(seed, shape).requiresGrad(true);
    }

    /** A leaf requiring a gradient, uniform in [0.5, 1.5): safe for log, sqrt and division. */
    static Tensor positive(long seed, int... shape) {
        return Tensor.rand(seed, shape).add(0.5).requiresGrad(true);
    }

    /** A leaf requiring a gradient, normal but at least 0.1 away from 0: safe for abs and relu. */
    static Tensor awayFromZero(long seed, int... shape) {
        double[] v = Tensor.randn(seed, shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += Math.copySign(0.1, v[i]);
        }
        return Tensor.of(v, shape).requiresGrad(true);
    }

    /** A leaf requiring a gradient whose values are all at least 0.05 apart: no ties for max. */
    static Tensor distinct(long seed, int... shape) {
        Tensor order = Tensor.rand(seed, shape);
        double[] keys = order.toArray();
        Integer[] rank = new Integer[keys.length];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i;
        }
        Arrays.sort(rank, (p, q) -> Double.compare(keys[p], keys[q]));
        double[] v = new double[keys.length];
        for (int r = 0; r < rank.length; r++) {
            v[rank[r]] = (r - rank.length / 2.0) * 0.05;
        }
        return Tensor.of(v, shape).requiresGrad(true);
    }
}
