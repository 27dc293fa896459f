package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * A penalty on a weight added to the training loss, as Keras's {@code keras.regularizers.Regularizer}
 * (a layer's {@code kernelRegularizer}, {@code biasRegularizer}) or on a layer's output (its
 * {@code activityRegularizer}).
 *
 * <pre>{@code
 * Regularizer l2 = w -> w.pow(2).sum().mul(0.01);
 * Tensor penalty = l2.penalty(Tensor.ones(2, 3));   // 0.06
 * }</pre>
 */
@FunctionalInterface
public interface Regularizer {
    /**
     * @param value a weight or an output (not modified)
     * @return the penalty, a scalar differentiable with respect to {@code value}
     */
    Tensor penalty(Tensor value);

    /**
     * The settings, as Keras's {@code get_config()}, for saving; registered regularizers override it.
     *
     * @return a new config
     */
    default Config getConfig() {
        return Config.of(getClass().getSimpleName());
    }
}
