package ai.lepton.autograd;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Compares the gradients that autograd computes with central finite differences
 * {@code (f(x + h) - f(x - h)) / 2h}, in double precision: the standard way to see that an op's
 * backward pass is right.
 *
 * <p>The error of each element is {@code |analytic - numeric| / max(1, |analytic|, |numeric|)}, so
 * it is relative for large gradients and absolute for small ones.
 *
 * <pre>{@code
 * Tensor a = Tensor.randn(1, 3, 4).requiresGrad(true);
 * Tensor b = Tensor.randn(2, 4).requiresGrad(true);
 * GradCheck.Result r = GradCheck.check(in -> in[0].mul(in[1]).sum(), a, b);
 * System.out.println(r);        // e.g. "max relative error 3.1e-11 at input 0, index [2, 1]"
 * assert r.maxError() < 1e-6;
 * }</pre>
 */
public final class GradCheck {
    /** The default finite-difference step. */
    public static final double STEP = 1e-6;

    private GradCheck() {
    }

    /**
     * The worst disagreement found, and where.
     *
     * @param maxError the largest error over all elements of all inputs
     * @param input which input it was in
     * @param index its index within that input
     * @param analytic the gradient autograd computed there
     * @param numeric the finite-difference estimate there
     */
    public record Result(double maxError, int input, int[] index, double analytic, double numeric) {
        /** @return a copy of the index */
        @Override
        public int[] index() {
            return index.clone();
        }

        /**
         * @param tolerance the largest acceptable error
         * @return whether every element agreed within it
         */
        public boolean passed(double tolerance) {
            return maxError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("max relative error %.3g at input %d, index %s (analytic %.10g, numeric %.10g)",
                    maxError, input, Arrays.toString(index), analytic, numeric);
        }
    }

    /**
     * Checks d f / d input for every input with {@link #STEP}.
     *
     * @param f the function; it must return a one-element tensor and must not change its inputs
     * @param inputs the points to check at; only those with {@code requiresGrad(true)} are checked
     * @return the worst element found
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, STEP, inputs);
    }

    /**
     * Checks d f / d input for every input with a given step.
     *
     * @param f the function; it must return a one-element tensor and must not change its inputs
     * @param step the finite-difference step h
     * @param inputs the points to check at; only those with {@code requiresGrad(true)} are checked
     * @return the worst element found
     */
    public static Result check(Function<Tensor[], Tensor> f, double step, Tensor... inputs) {
        for (Tensor t : inputs) {
            t.zeroGrad();
        }
        f.apply(inputs).backward();
        Result worst = new Result(0, -1, new int[0], 0, 0);
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (!x.requiresGrad()) {
                continue;
            }
            double[] analytic = x.grad() == null ? new double[x.size()] : x.grad().toArray();
            double[] values = Storage.data(x);
            for (int e = 0; e < values.length; e++) {
                double saved = values[e];
                values[e] = saved + step;
                double plus = evaluate(f, inputs);
                values[e] = saved - step;
                double minus = evaluate(f, inputs);
                values[e] = saved;
                double numeric = (plus - minus) / (2 * step);
                double error = Math.abs(analytic[e] - numeric)
                        / Math.max(1.0, Math.max(Math.abs(analytic[e]), Math.abs(numeric)));
                if (error > worst.maxError() || worst.input() < 0) {
                    worst = new Result(error, i, unravel(e, x.shape()), analytic[e], numeric);
                }
            }
            x.zeroGrad();
        }
        return worst;
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private static double evaluate(Function<Tensor[], Tensor> f, Tensor[] inputs) {
        try (NoGrad g = NoGrad.enter()) {
            return f.apply(inputs).item();
        }
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
