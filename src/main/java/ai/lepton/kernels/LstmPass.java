package ai.lepton.kernels;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Keras's {@code LSTM} cell over a sequence, gates in Keras's order i, f, c, o: with
 * {@code z = x_t · kernel + bias + h_{t-1} · recurrent_kernel} split in four,
 * <pre>
 * i = σ(z_i)   f = σ(z_f)   g = act(z_c)   o = σ(z_o)
 * c_t = f ⊙ c_{t-1} + i ⊙ g      h_t = o ⊙ act(c_t)
 * </pre>
 * (σ the recurrent activation, act the activation); backward, with {@code dc} the total gradient of
 * {@code c_t}: {@code do = dh ⊙ act(c_t)}, {@code dc += dh ⊙ o ⊙ act'}, {@code di = dc ⊙ g},
 * {@code dg = dc ⊙ i}, {@code df = dc ⊙ c_{t-1}}, {@code dc_{t-1} = dc ⊙ f}, each gate's
 * gradient times its activation's derivative, and {@code dh_{t-1} = dz · recurrent_kernelᵀ}.
 * States: h (0) and c (1).
 */
final class LstmPass extends RecurrentPass {
    /** act(c_t) at every step, {@code (batch, steps, units)}. */
    private final double[] activeCell;
    /** The gradient of the pre-activations, {@code (batch, steps, 4·units)}. */
    private final double[] dz;

    LstmPass(Spec spec, IntFunction<double[]> arrays, double[] x, double[] kernel, double[] recurrentKernel, double[] bias) {
        super(spec, arrays, 4, 2, x, kernel, recurrentKernel, bias);
        this.activeCell = arrays.apply(batch * steps * units);
        this.dz = arrays.apply(z.length);
    }

    @Override
    void step(int t, int from, int to, double[][] next, int nextOff, int nextLd) {
        int[] rows = {from, to};
        double[] h = entering[0];
        double[] c = entering[1];
        int u = units;
        recurrentProduct(rows, h, t * u, steps * u, 0, width, z, t * width, steps * width, true);
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            int in = (b * steps + t) * u;
            int out = nextOff + b * nextLd;
            if (!active(b, t)) {
                System.arraycopy(h, in, next[0], out, u);
                System.arraycopy(c, in, next[1], out, u);
                continue;
            }
            spec.recurrentActivation.apply(z, row, 2 * u);
            spec.activation.apply(z, row + 2 * u, u);
            spec.recurrentActivation.apply(z, row + 3 * u, u);
            double[] cNext = next[1];
            for (int j = 0; j < u; j++) {
                double cell = z[row + u + j] * c[in + j] + z[row + j] * z[row + 2 * u + j];
                cNext[out + j] = cell;
                activeCell[in + j] = cell;
            }
            spec.activation.apply(activeCell, in, u);
            double[] hNext = next[0];
            for (int j = 0; j < u; j++) {
                hNext[out + j] = z[row + 3 * u + j] * activeCell[in + j];
            }
        }
    }

    @Override
    void stepBackward(int t, int from, int to, double[][] dStates) {
        int[] rows = {from, to};
        double[] dh = dStates[0];
        double[] dc = dStates[1];
        double[] c = entering[1];
        int u = units;
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            if (!active(b, t)) {
                Arrays.fill(dz, row, row + width, 0.0);
                continue;
            }
            int in = (b * steps + t) * u;
            int s = b * u;
            for (int j = 0; j < u; j++) {
                double ac = activeCell[in + j];
                double o = z[row + 3 * u + j];
                double dhj = dh[s + j];
                double dcTotal = dc[s + j] + dhj * o * spec.activation.derivative(ac);
                dz[row + j] = dcTotal * z[row + 2 * u + j];
                dz[row + u + j] = dcTotal * c[in + j];
                dz[row + 2 * u + j] = dcTotal * z[row + j];
                dz[row + 3 * u + j] = dhj * ac;
                dc[s + j] = dcTotal * z[row + u + j];
                dh[s + j] = 0.0;
            }
            spec.recurrentActivation.scaleByDerivative(z, row, dz, row, 2 * u);
            spec.activation.scaleByDerivative(z, row + 2 * u, dz, row + 2 * u, u);
            spec.recurrentActivation.scaleByDerivative(z, row + 3 * u, dz, row + 3 * u, u);
        }
        recurrentAdjoint(rows, dz, t * width, steps * width, 0, width, dh);
    }

    @Override
    double[] inputGateGradients() {
        return dz;
    }

    @Override
    void recurrentGradients(double[] dRecurrent, double[] dBias) {
        recurrentKernelGradient(entering[0], dz, 0, width, 0, width, dRecurrent);
    }
}
