package ai.lepton.layers;

import ai.lepton.autograd.RecurrentOp;
import ai.lepton.config.Config;

/**
 * Long short-term memory, Keras's {@code LSTM}: with the gates in Keras's order i, f, c, o and
 * {@code [z_i, z_f, z_c, z_o] = x_t · kernel + h_{t-1} · recurrent_kernel + bias},
 * <pre>
 * i = σ(z_i)   f = σ(z_f)   o = σ(z_o)   c_t = f ⊙ c_{t-1} + i ⊙ tanh(z_c)   h_t = o ⊙ tanh(c_t)
 * </pre>
 * (σ the recurrent activation, default sigmoid; tanh the activation). The output is {@code h_t};
 * the states are h and c. Weights: kernel {@code (features, 4·units)}, recurrent_kernel
 * {@code (units, 4·units)}, bias {@code (4·units)}; with {@code unitForgetBias} (the default) the
 * forget gate's bias starts at 1. The settings and outputs are {@link RecurrentLayer}'s.
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.shape(100);
 * SymbolicTensor embedded = new Embedding(20_000, 64).maskZero(true).apply(tokens);
 * SymbolicTensor encoded = new LSTM(64).apply(embedded);             // (None, 64)
 * SymbolicTensor label = new Dense(1, "sigmoid").apply(encoded);
 * Model model = new Model(tokens, label);
 * }</pre>
 */
public final class LSTM extends RecurrentLayer<LSTM> {
    private boolean unitForgetBias = true;

    /**
     * @param units the size of the states and output, positive
     * @throws IllegalArgumentException echoing {@code units} if it is not positive
     */
    public LSTM(int units) {
        super(units);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static LSTM fromConfig(Config config) {
        LSTM layer = new LSTM(config.getInt("units"))
                .recurrentActivation(config.getString("recurrent_activation", "sigmoid"))
                .unitForgetBias(config.getBoolean("unit_forget_bias", true));
        return withRecurrentSettings(layer, config);
    }

    /**
     * @param name the gates' activation (default {@code sigmoid}; Keras 2 once used {@code hard_sigmoid})
     * @return this layer
     * @throws IllegalArgumentException echoing the name if a recurrent cell cannot apply it
     */
    public LSTM recurrentActivation(String name) {
        return setRecurrentActivation(name);
    }

    /**
     * @param on whether the forget gate's bias starts at 1, the rest of the bias at the bias
     *        initializer's values (default true, as Keras; Jozefowicz et al., 2015)
     * @return this layer
     */
    public LSTM unitForgetBias(boolean on) {
        unitForgetBias = on;
        return this;
    }

    @Override
    RecurrentOp.Cell cell() {
        return RecurrentOp.Cell.LSTM;
    }

    /** Keras's: the initializer's values for i, ones for f, the initializer's for c and o. */
    @Override
    Initializer biasInitializer(Initializer configured) {
        if (!unitForgetBias) {
            return configured;
        }
        int units = units();
        return (shape, random) -> {
            double[] values = new double[4 * units];
            System.arraycopy(configured.initialize(new int[] {units}, random), 0, values, 0, units);
            java.util.Arrays.fill(values, units, 2 * units, 1.0);
            System.arraycopy(configured.initialize(new int[] {2 * units}, random), 0, values, 2 * units, 2 * units);
            return values;
        };
    }

    @Override
    void putBiasSettings(Config config) {
        config.put("unit_forget_bias", unitForgetBias);
    }
}
