package ai.lepton.layers;

import ai.lepton.autograd.RecurrentOp;
import ai.lepton.config.Config;

/**
 * A fully connected recurrent layer, Keras's {@code SimpleRNN}: at each step
 * {@code h_t = activation(x_t · kernel + h_{t-1} · recurrent_kernel + bias)}, the output being
 * {@code h_t}. Weights: kernel {@code (features, units)}, recurrent_kernel {@code (units, units)},
 * bias {@code (units)}. The settings and outputs are {@link RecurrentLayer}'s.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new SimpleRNN(32).inputShape(30, 1),   // 30 steps of 1 feature
 *         new Dense(1));
 * }</pre>
 */
public final class SimpleRNN extends RecurrentLayer<SimpleRNN> {
    /**
     * @param units the size of the state and output, positive
     * @throws IllegalArgumentException echoing {@code units} if it is not positive
     */
    public SimpleRNN(int units) {
        super(units);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static SimpleRNN fromConfig(Config config) {
        return withRecurrentSettings(new SimpleRNN(config.getInt("units")), config);
    }

    @Override
    RecurrentOp.Cell cell() {
        return RecurrentOp.Cell.SIMPLE_RNN;
    }

    @Override
    void putCellSettings(Config config) {
    }
}
