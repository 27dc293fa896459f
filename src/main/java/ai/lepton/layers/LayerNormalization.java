package ai.lepton.layers;

import ai.lepton.autograd.GroupNorm;
import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalization, as Keras's {@code LayerNormalization}: each example is normalized over the
 * given axes (default the last) with its own statistics,
 * {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}, the same in training and
 * inference. As in Keras, axis {@code -1} is the last axis and positive axes count the batch as
 * axis 0. Weights {@code gamma} and {@code beta} have the shape of the normalized axes. The shared
 * settings are {@link AffineNormalization}'s (epsilon 1e-3 by default).
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.shape(10, 64);
 * SymbolicTensor normalized = new LayerNormalization().epsilon(1e-6).apply(tokens);   // over the 64 features
 * }</pre>
 */
public final class LayerNormalization extends AffineNormalization<LayerNormalization> {
    private final int[] axis;

    /** Normalizes over the last axis. */
    public LayerNormalization() {
        this(-1);
    }

    /**
     * @param axis the axes to normalize over, Keras-style: {@code -1} the last, {@code 1} the first after the batch
     * @throws IllegalArgumentException if none is given, or one is 0 (the batch axis)
     */
    public LayerNormalization(int... axis) {
        if (axis.length == 0 || Arrays.stream(axis).anyMatch(a -> a == 0)) {
            throw new IllegalArgumentException("LayerNormalization: axis must name one or more axes other than the batch axis 0. "
                    + "Received: axis=" + Arrays.toString(axis));
        }
        this.axis = axis.clone();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     * @throws ConfigException if the config asks for Keras's deprecated {@code rms_scaling}
     */
    public static LayerNormalization fromConfig(Config config) {
        if (config.getBoolean("rms_scaling", false)) {
            throw new ConfigException("LayerNormalization: rms_scaling=true is not supported");
        }
        int[] axes = config.get("axis") == null ? new int[] {-1} : config.getInts("axis");
        return withNormalizationSettings(new LayerNormalization(axes), config);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        Axes.ofExample(this, axis, inputShape);
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int[] axes = Axes.ofExample(this, axis, inputShape);
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = inputShape[axes[i]];
        }
        declareGammaAndBeta(weights, shape);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] exampleShape = builtInputShape();
        int[] axes = Axes.ofExample(this, axis, exampleShape);
        int rank = exampleShape.length;
        boolean trailing = axes[0] == rank - axes.length;
        if (trailing) {
            return GroupNorm.overLastAxes(x, gamma(), beta(), axes.length, epsilon());
        }
        // The normalized axes are moved last, in order, so that one pass over rows normalizes them.
        int[] perm = new int[rank + 1];
        int next = 1;
        for (int d = 0; d < rank; d++) {
            if (Arrays.binarySearch(axes, d) < 0) {
                perm[next++] = d + 1;
            }
        }
        for (int a : axes) {
            perm[next++] = a + 1;
        }
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return GroupNorm.overLastAxes(x.transpose(perm), gamma(), beta(), axes.length, epsilon()).transpose(inverse);
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig();
        return axis.length == 1 ? config.put("axis", axis[0]) : config.put("axis", axis.clone());
    }
}
