package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A projection applied to a weight after each optimizer step, as Keras's
 * {@code keras.constraints.Constraint} (a layer's {@code kernelConstraint}, {@code biasConstraint}).
 *
 * <pre>{@code
 * Constraint nonNegative = (values, shape) -> {
 *     for (int i = 0; i < values.length; i++) values[i] = Math.max(values[i], 0);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Constraint {
    /**
     * Projects a weight's values in place.
     *
     * @param values the weight's values, row-major (modified)
     * @param shape the weight's shape (not modified)
     */
    void applyInPlace(double[] values, int[] shape);

    /**
     * The settings, as Keras's {@code get_config()}, for saving; registered constraints override it.
     *
     * @return a new config
     */
    default Config getConfig() {
        return Config.of(getClass().getSimpleName());
    }
}
