package ai.lepton.layers;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Scales each example to unit L2 norm over the given axes (default the last), as Keras's
 * {@code UnitNormalization}: {@code y = x / sqrt(max(sum(x^2), 1e-24))}, Keras's epsilon 1e-12
 * squared keeping an all-zero vector at zero with a finite gradient. As in Keras, axis {@code -1}
 * is the last axis and positive axes count the batch as axis 0. No weights.
 *
 * <pre>{@code
 * SymbolicTensor embeddings = Input.shape(128);
 * SymbolicTensor unit = new UnitNormalization().apply(embeddings);
 * }</pre>
 */
public final class UnitNormalization extends Layer {
    /** Keras's {@code epsilon * epsilon} with epsilon 1e-12: the smallest squared norm divided by. */
    private static final double MIN_SQUARED_NORM = 1e-24;

    private final int[] axis;

    /** Normalizes over the last axis. */
    public UnitNormalization() {
        this(-1);
    }

    /**
     * @param axis the axes to normalize over, Keras-style
     * @throws IllegalArgumentException if none is given, or one is 0 (the batch axis)
     */
    public UnitNormalization(int... axis) {
        if (axis.length == 0 || Arrays.stream(axis).anyMatch(a -> a == 0)) {
            throw new IllegalArgumentException("UnitNormalization: axis must name one or more axes other than the batch axis 0. "
                    + "Received: axis=" + Arrays.toString(axis));
        }
        this.axis = axis.clone();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static UnitNormalization fromConfig(Config config) {
        return new UnitNormalization(config.get("axis") == null ? new int[] {-1} : config.getInts("axis"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        Axes.ofExample(this, axis, inputShape);
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor squares = x.mul(x);
        for (int a : Axes.ofExample(this, axis, builtInputShape())) {
            squares = squares.sum(a + 1, true);
        }
        return x.mul(Maximum.apply(squares, Tensor.scalar(MIN_SQUARED_NORM)).pow(-0.5));
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig();
        return axis.length == 1 ? config.put("axis", axis[0]) : config.put("axis", axis.clone());
    }

    @Override
    public UnitNormalization inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public UnitNormalization name(String layerName) {
        super.name(layerName);
        return this;
    }
}
