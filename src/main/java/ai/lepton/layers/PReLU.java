package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The parametric rectified linear unit, {@code y = x} for {@code x > 0}, else {@code alpha * x},
 * with a learned {@code alpha} per input element, computed as Keras does:
 * {@code relu(x) - alpha * relu(-x)}. Weight {@code alpha} has the input's per-example shape,
 * with size 1 along the {@link #sharedAxes shared axes} (Keras's {@code shared_axes}, counting the
 * batch as axis 0): {@code sharedAxes(1, 2)} on images {@code (h, w, c)} learns one alpha per
 * channel. Initialized to zeros as in Keras, so the layer starts as a ReLU.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(16, 3).inputShape(28, 28, 1),
 *         new PReLU().sharedAxes(1, 2),           // alpha (1, 1, 16)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class PReLU extends Layer {
    private String alphaInitializer = "zeros";
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;

    /** A layer with one alpha per input element, starting at 0. */
    public PReLU() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static PReLU fromConfig(Config config) {
        PReLU layer = new PReLU().alphaInitializer(config.getString("alpha_initializer", "zeros"))
                .alphaRegularizer(Regularizers.read(config, "alpha_regularizer"))
                .alphaConstraint(Constraints.read(config, "alpha_constraint"));
        return config.get("shared_axes") == null ? layer : layer.sharedAxes(config.getInts("shared_axes"));
    }

    /**
     * @param name an initializer name for alpha (default {@code zeros}, see {@link Initializers})
     * @return this layer
     */
    public PReLU alphaInitializer(String name) {
        Initializers.get(name);
        alphaInitializer = name;
        return this;
    }

    /**
     * @param regularizer alpha's penalty in the loss, or {@code null} for none
     * @return this layer
     */
    public PReLU alphaRegularizer(Regularizer regularizer) {
        alphaRegularizer = regularizer;
        return this;
    }

    /**
     * @param constraint alpha's projection after each optimizer step (e.g. {@link NonNeg}), or {@code null} for none
     * @return this layer
     */
    public PReLU alphaConstraint(Constraint constraint) {
        alphaConstraint = constraint;
        return this;
    }

    /**
     * @param axes the axes along which one alpha is shared, Keras-style (the first axis after the
     *        batch is 1); none (the default) learns one alpha per element
     * @return this layer
     * @throws IllegalArgumentException if an axis is below 1 or repeats
     */
    public PReLU sharedAxes(int... axes) {
        for (int a : axes) {
            if (a < 1) {
                throw new IllegalArgumentException("PReLU: shared_axes must count from 1, the first axis after the batch. Received: "
                        + "shared_axes=" + Arrays.toString(axes));
            }
        }
        if (Arrays.stream(axes).distinct().count() != axes.length) {
            throw new IllegalArgumentException("PReLU: shared_axes must not repeat an axis. Received: shared_axes=" + Arrays.toString(axes));
        }
        sharedAxes = axes.length == 0 ? null : axes.clone();
        return this;
    }

    /** Keras names this layer {@code p_re_lu}. */
    @Override
    public String baseName() {
        return "p_re_lu";
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        alphaShape(inputShape);
        return inputShape.clone();
    }

    private int[] alphaShape(int[] inputShape) {
        int[] shape = inputShape.clone();
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a > shape.length) {
                    throw new ShapeException(describe() + ": shared axis " + a + " is out of range for input shape "
                            + Shapes.formatBatched(inputShape) + ". Received: shared_axes=" + Arrays.toString(sharedAxes));
                }
                shape[a - 1] = 1;
            }
        }
        return shape;
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        weights.add("alpha", alphaShape(inputShape), Initializers.get(alphaInitializer), alphaRegularizer, alphaConstraint);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return x.relu().sub(weight("alpha").mul(x.neg().relu()));
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("alpha_initializer", alphaInitializer);
        Regularizers.put(config, "alpha_regularizer", alphaRegularizer);
        Constraints.put(config, "alpha_constraint", alphaConstraint);
        return config.put("shared_axes", sharedAxes == null ? null : sharedAxes.clone());
    }

    @Override
    public PReLU inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public PReLU name(String layerName) {
        super.name(layerName);
        return this;
    }
}
