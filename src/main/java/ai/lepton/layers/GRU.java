package ai.lepton.layers;

import ai.lepton.autograd.RecurrentOp;
import ai.lepton.config.Config;

/**
 * The gated recurrent unit, Keras's {@code GRU}, gates in Keras's order z, r, h: with σ the
 * recurrent activation (default sigmoid),
 * <pre>
 * z = σ(x_z + s_z)   r = σ(x_r + s_r)   h~ = tanh(x_h + r ⊙ s_h)   h_t = z ⊙ h_{t-1} + (1 - z) ⊙ h~
 * </pre>
 * where {@code [x_z, x_r, x_h] = x_t · kernel + input bias} and, with {@code resetAfter} (Keras's
 * default, cuDNN's and PyTorch's form), {@code [s_z, s_r, s_h] = h_{t-1} · recurrent_kernel +
 * recurrent bias}; without it, the reset gate is applied before the product:
 * {@code r ⊙ s_h} becomes {@code (r ⊙ h_{t-1}) · recurrent_kernel_h} and there is one bias.
 * Weights: kernel {@code (features, 3·units)}, recurrent_kernel {@code (units, 3·units)}, bias
 * {@code (2, 3·units)} (input row, recurrent row) with {@code resetAfter}, else {@code (3·units)}.
 * The settings and outputs are {@link RecurrentLayer}'s.
 *
 * <pre>{@code
 * GRU gru = new GRU(64).returnSequences(true).resetAfter(false);
 * }</pre>
 */
public final class GRU extends RecurrentLayer<GRU> {
    private boolean resetAfter = true;

    /**
     * @param units the size of the state and output, positive
     * @throws IllegalArgumentException echoing {@code units} if it is not positive
     */
    public GRU(int units) {
        super(units);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GRU fromConfig(Config config) {
        GRU layer = new GRU(config.getInt("units"))
                .recurrentActivation(config.getString("recurrent_activation", "sigmoid"))
                .resetAfter(config.getBoolean("reset_after", true));
        return withRecurrentSettings(layer, config);
    }

    /**
     * @param name the gates' activation (default {@code sigmoid})
     * @return this layer
     * @throws IllegalArgumentException echoing the name if a recurrent cell cannot apply it
     */
    public GRU recurrentActivation(String name) {
        return setRecurrentActivation(name);
    }

    /**
     * @param on whether the reset gate multiplies the recurrent product (default true, with a
     *        {@code (2, 3·units)} bias) rather than the state before it
     * @return this layer
     */
    public GRU resetAfter(boolean on) {
        resetAfter = on;
        return this;
    }

    @Override
    RecurrentOp.Cell cell() {
        return resetAfter ? RecurrentOp.Cell.GRU : RecurrentOp.Cell.GRU_RESET_BEFORE;
    }

    @Override
    int[] biasShape() {
        return resetAfter ? new int[] {2, 3 * units()} : new int[] {3 * units()};
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("reset_after", resetAfter);
    }
}
