package ai.lepton.kernels;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Keras's {@code SimpleRNN} cell over a sequence, {@code h_t = activation(x_t · kernel + bias +
 * h_{t-1} · recurrent_kernel)}, the output being {@code h_t}; backward,
 * {@code dz = dh ⊙ activation'} and {@code dh_{t-1} = dz · recurrent_kernelᵀ}. The rest is
 * {@link RecurrentPass}'s.
 */
final class SimpleRnnPass extends RecurrentPass {
    /** The gradient of the pre-activations, {@code (batch, steps, units)}. */
    private final double[] dz;

    SimpleRnnPass(Spec spec, IntFunction<double[]> arrays, double[] x, double[] kernel, double[] recurrentKernel,
                  double[] bias) {
        super(spec, arrays, 1, 1, x, kernel, recurrentKernel, bias);
        this.dz = arrays.apply(z.length);
    }

    @Override
    void step(int t, int from, int to, double[][] next, int nextOff, int nextLd) {
        int[] rows = {from, to};
        double[] h = entering[0];
        recurrentProduct(rows, h, t * units, steps * units, 0, units, z, t * width, steps * width, true);
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            int out = nextOff + b * nextLd;
            if (active(b, t)) {
                spec.activation.apply(z, row, units);
                System.arraycopy(z, row, next[0], out, units);
            } else {
                System.arraycopy(h, (b * steps + t) * units, next[0], out, units);
            }
        }
    }

    @Override
    void stepBackward(int t, int from, int to, double[][] dStates) {
        int[] rows = {from, to};
        double[] dh = dStates[0];
        for (int b = from; b < to; b++) {
            int row = (b * steps + t) * width;
            if (active(b, t)) {
                System.arraycopy(dh, b * units, dz, row, units);
                spec.activation.scaleByDerivative(z, row, dz, row, units);
                Arrays.fill(dh, b * units, (b + 1) * units, 0.0);
            } else {
                Arrays.fill(dz, row, row + units, 0.0);
            }
        }
        recurrentAdjoint(rows, dz, t * width, steps * width, 0, units, dh);
    }

    @Override
    double[] inputGateGradients() {
        return dz;
    }

    @Override
    void recurrentGradients(double[] dRecurrent, double[] dBias) {
        recurrentKernelGradient(entering[0], dz, 0, width, 0, units, dRecurrent);
    }
}
