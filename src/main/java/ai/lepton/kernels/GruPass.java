package ai.lepton.kernels;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Keras's {@code GRU} cell over a sequence, gates in Keras's order z, r, h. With
 * {@code x_t · kernel + input bias} split in three as {@code x_z, x_r, x_h} and σ the recurrent
 * activation, act the activation:
 * <pre>
 * reset_after (Keras's default; the bias is (2, 3·units), input row then recurrent row):
 *   [s_z, s_r, s_h] = h_{t-1} · recurrent_kernel + recurrent bias
 *   z = σ(x_z + s_z)   r = σ(x_r + s_r)   h~ = act(x_h + r ⊙ s_h)
 * reset_before (reset_after=false; the bias is (3·units)):
 *   z = σ(x_z + h_{t-1} · R_z)   r = σ(x_r + h_{t-1} · R_r)   h~ = act(x_h + (r ⊙ h_{t-1}) · R_h)
 * h_t = z ⊙ h_{t-1} + (1 - z) ⊙ h~
 * </pre>
 * reset_after is cuDNN's and PyTorch's form. Backward: {@code dz = dh ⊙ (h_{t-1} - h~)},
 * {@code dh~ = dh ⊙ (1 - z)}, {@code dh_{t-1} = dh ⊙ z} plus the recurrent products' adjoints,
 * and through the reset gate {@code dr = dh~' ⊙ s_h} (reset_after) or
 * {@code dr = (dh~' · R_hᵀ) ⊙ h_{t-1}} (reset_before), primes marking gradients of pre-activations.
 */
final class GruPass extends RecurrentPass {
    private final boolean resetAfter;
    /** reset_after: s_h at every step; reset_before: r ⊙ h_{t-1}. {@code (batch, steps, units)}. */
    private final double[] reset;
    /** reset_after: one step's recurrent product, {@code (batch, 3·units)}. */
    private final double[] product;
    /** The gradient of the input projection, {@code (batch, steps, 3·units)}. */
    private final double[] dInput;
    /** reset_after: the gradient of the recurrent product (with bias), {@code (batch, steps, 3·units)}. */
    private final double[] dRecurrent;
    /** reset_before: one step's gradient of r ⊙ h_{t-1}, {@code (batch, units)}. */
    private final double[] dReset;

    GruPass(Spec spec, IntFunction<double[]> arrays, boolean resetAfter, double[] x, double[] kernel,
            double[] recurrentKernel, double[] bias) {
        super(spec, arrays, 3, 1, x, kernel, recurrentKernel, bias);
        this.resetAfter = resetAfter;
        this.reset = arrays.apply(batch * steps * units);
        this.dInput = arrays.apply(z.length);
        this.product = resetAfter ? new double[batch * width] : null;
        this.dRecurrent = resetAfter ? arrays.apply(z.length) : null;
        this.dReset = resetAfter ? null : new double[batch * units];
    }

    @Override
    void step(int t, int from, int to, double[][] next, int nextOff, int nextLd) {
        int[] rows = {from, to};
        double[] h = entering[0];
        int u = units;
        if (resetAfter) {
            recurrentProduct(rows, h, t * u, steps * u, 0, width, product, 0, width, false);
        } else {
            recurrentProduct(rows, h, t * u, steps * u, 0, 2 * u, z, t * width, steps * width, true);
        }
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            int in = (b * steps + t) * u;
            if (!active(b, t)) {
                Arrays.fill(reset, in, in + u, 0.0);
                continue;
            }
            if (resetAfter) {
                int p = b * width;
                for (int j = 0; j < 2 * u; j++) {
                    z[row + j] += product[p + j] + recurrentBias(j);
                }
                spec.recurrentActivation.apply(z, row, 2 * u);
                for (int j = 0; j < u; j++) {
                    double sh = product[p + 2 * u + j] + recurrentBias(2 * u + j);
                    reset[in + j] = sh;
                    z[row + 2 * u + j] += z[row + u + j] * sh;
                }
            } else {
                spec.recurrentActivation.apply(z, row, 2 * u);
                for (int j = 0; j < u; j++) {
                    reset[in + j] = z[row + u + j] * h[in + j] * recurrentMask(2, b, j);
                }
            }
        }
        if (!resetAfter) {
            Gemm.gemm(false, false, to - from, u, u, reset, (from * steps + t) * u, steps * u, recurrentKernel, 2 * u, width,
                    z, (from * steps + t) * width + 2 * u, steps * width, true);
        }
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            int in = (b * steps + t) * u;
            int out = nextOff + b * nextLd;
            if (!active(b, t)) {
                System.arraycopy(h, in, next[0], out, u);
                continue;
            }
            spec.activation.apply(z, row + 2 * u, u);
            for (int j = 0; j < u; j++) {
                double gate = z[row + j];
                next[0][out + j] = gate * h[in + j] + (1.0 - gate) * z[row + 2 * u + j];
            }
        }
    }

    /** The recurrent bias (reset_after's second bias row), 0 without a bias. */
    private double recurrentBias(int j) {
        return bias == null ? 0.0 : bias[width + j];
    }

    /** The recurrent dropout mask of gate g at (b, j), 1 without recurrent dropout. */
    private double recurrentMask(int g, int b, int j) {
        return spec.recurrentDropout == null ? 1.0 : spec.recurrentDropout[(g * batch + b) * units + j];
    }

    @Override
    void stepBackward(int t, int from, int to, double[][] dStates) {
        int[] rows = {from, to};
        double[] dh = dStates[0];
        double[] h = entering[0];
        int u = units;
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            if (!active(b, t)) {
                Arrays.fill(dInput, row, row + width, 0.0);
                if (resetAfter) {
                    Arrays.fill(dRecurrent, row, row + width, 0.0);
                }
                continue;
            }
            int in = (b * steps + t) * u;
            int s = b * u;
            for (int j = 0; j < u; j++) {
                double gate = z[row + j];
                double candidate = z[row + 2 * u + j];
                double dhj = dh[s + j];
                dInput[row + j] = dhj * (h[in + j] - candidate);
                dInput[row + 2 * u + j] = dhj * (1.0 - gate);
                dh[s + j] = dhj * gate;
            }
            spec.recurrentActivation.scaleByDerivative(z, row, dInput, row, u);
            spec.activation.scaleByDerivative(z, row + 2 * u, dInput, row + 2 * u, u);
            if (resetAfter) {
                for (int j = 0; j < u; j++) {
                    double dCandidate = dInput[row + 2 * u + j];
                    dInput[row + u + j] = dCandidate * reset[in + j];
                    dRecurrent[row + 2 * u + j] = dCandidate * z[row + u + j];
                }
                spec.recurrentActivation.scaleByDerivative(z, row + u, dInput, row + u, u);
                System.arraycopy(dInput, row, dRecurrent, row, 2 * u);
            }
        }
        if (resetAfter) {
            recurrentAdjoint(rows, dRecurrent, t * width, steps * width, 0, width, dh);
            return;
        }
        Gemm.gemm(false, true, to - from, u, u, dInput, (from * steps + t) * width + 2 * u, steps * width, recurrentKernel,
                2 * u, width, dReset, from * u, u, false);
        for (int b = from; b < to; b++) {
            if (!active(b, t)) {
                continue;
            }
            int row = (b * steps + t) * width;
            int in = (b * steps + t) * u;
            int s = b * u;
            for (int j = 0; j < u; j++) {
                double m = recurrentMask(2, b, j);
                dInput[row + u + j] = dReset[s + j] * h[in + j] * m;
                dh[s + j] += dReset[s + j] * z[row + u + j] * m;
            }
            spec.recurrentActivation.scaleByDerivative(z, row + u, dInput, row + u, u);
        }
        recurrentAdjoint(rows, dInput, t * width, steps * width, 0, 2 * u, dh);
    }

    @Override
    double[] inputGateGradients() {
        return dInput;
    }

    @Override
    void recurrentGradients(double[] dR, double[] dBias) {
        int u = units;
        if (resetAfter) {
            recurrentKernelGradient(entering[0], dRecurrent, 0, width, 0, width, dR);
            if (dBias != null) {
                BiasRelu.columnSums(dRecurrent, 0, batch * steps, width, dBias, width);
            }
            return;
        }
        recurrentKernelGradient(entering[0], dInput, 0, width, 0, 2 * u, dR);
        Gemm.gemm(true, false, u, u, batch * steps, reset, 0, u, dInput, 2 * u, width, dR, 2 * u, width, false);
    }
}
