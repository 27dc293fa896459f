package ai.lepton.layers;

import ai.lepton.autograd.PaddingRule;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The base of every layer, with Keras's life cycle: the constructor stores and validates
 * settings, {@link #build} makes the weights once the input shape is known,
 * {@link #call} computes, and {@link #computeOutputShape} infers shapes without running data.
 *
 * <p>Shapes here never include the batch dimension: a Dense layer on 784 features has input
 * shape {@code (784)} and is called on tensors of shape {@code (batch, 784)}.
 *
 * <pre>{@code
 * Layer dense = new Dense(10, "softmax").inputShape(784);
 * dense.build(new int[] {784}, 42L);
 * Tensor probabilities = dense.call(Tensor.zeros(32, 784), false);   // (32, 10)
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private int[] declaredInputShape;
    private int[] builtInputShape;
    private int[] builtOutputShape;
    private final List<Tensor> weights = new ArrayList<>();
    private final List<String> weightNames = new ArrayList<>();

    /** For subclasses. */
    protected Layer() {
    }

    /**
     * Declares the per-example input shape, as Keras's {@code input_shape}; used on a model's first layer.
     *
     * @param shapeWithoutBatch the dimensions of one example, e.g. {@code 28, 28, 1}
     * @return this layer
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public Layer inputShape(int... shapeWithoutBatch) {
        for (int d : shapeWithoutBatch) {
            if (d <= 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": input shape dimensions must be positive. "
                        + "Received: inputShape=" + Shapes.format(shapeWithoutBatch));
            }
        }
        declaredInputShape = shapeWithoutBatch.clone();
        return this;
    }

    /** @return the shape given to {@link #inputShape(int...)}, or {@code null} */
    public int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /**
     * Names the layer; a model otherwise names it like Keras ({@code dense}, {@code dense_1}, ...).
     *
     * @param layerName the name, unique within a model
     * @return this layer
     */
    public Layer name(String layerName) {
        if (layerName == null || layerName.isBlank()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a name must not be blank. Received: name="
                    + layerName);
        }
        this.name = layerName;
        return this;
    }

    /** @return the layer's name, or {@code null} until it is named or added to a model */
    public String name() {
        return name;
    }

    /**
     * Keras's default base name: the class name in snake case, {@code Dense -> dense},
     * {@code MaxPooling2D -> max_pooling2d}.
     *
     * @return the base name a model numbers when it names this layer
     */
    public String baseName() {
        String simple = getClass().getSimpleName();
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(simple.charAt(i - 1))) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    /**
     * Builds the layer for a per-example input shape: infers the output shape and makes the weights.
     * Building again with the same shape keeps the weights.
     *
     * @param inputShape the per-example input dimensions (not modified)
     * @param seed the seed for this layer's initializers (and its randomness, e.g. Dropout's masks)
     * @throws ShapeException if the layer cannot take that shape
     * @throws IllegalStateException if the layer was built before for another shape
     */
    public final void build(int[] inputShape, long seed) {
        if (builtInputShape != null) {
            if (!Shapes.equal(builtInputShape, inputShape)) {
                throw new IllegalStateException(describe() + " was built for input shape " + Shapes.formatBatched(builtInputShape)
                        + " and cannot be rebuilt for " + Shapes.formatBatched(inputShape));
            }
            return;
        }
        int[] out = computeOutputShape(inputShape.clone());
        createWeights(inputShape.clone(), new SplittableRandom(seed));
        builtInputShape = inputShape.clone();
        builtOutputShape = out;
    }

    /** @return whether {@link #build} has run */
    public boolean isBuilt() {
        return builtInputShape != null;
    }

    /**
     * The per-example output shape for a per-example input shape, computed without data.
     *
     * @param inputShape the per-example input dimensions
     * @return the per-example output dimensions
     * @throws ShapeException naming the layer if it cannot take that shape
     */
    public abstract int[] computeOutputShape(int[] inputShape);

    /**
     * Makes the layer's weights with {@link #addWeight}; the default makes none.
     *
     * @param inputShape the per-example input dimensions
     * @param random the layer's seeded random source
     */
    protected void createWeights(int[] inputShape, SplittableRandom random) {
    }

    /**
     * Computes the layer's output for a batch.
     *
     * @param x a batch, shape {@code (batch, ...inputShape)}
     * @param training whether this is a training step (Dropout is active only then)
     * @return the output, shape {@code (batch, ...outputShape)}
     */
    public abstract Tensor call(Tensor x, boolean training);

    /**
     * The activation this layer applies last, by name; {@code "linear"} when it has none. A model
     * uses it to compute cross-entropy from logits.
     *
     * @return the activation's name
     */
    public String finalActivation() {
        return "linear";
    }

    /**
     * Computes the output without the final activation (the logits before a softmax).
     *
     * @param x a batch
     * @param training whether this is a training step
     * @return the pre-activation output
     */
    public Tensor callBeforeActivation(Tensor x, boolean training) {
        return call(x, training);
    }

    /**
     * Creates, initializes and registers one weight; called from {@link #createWeights}.
     *
     * @param weightName the weight's name, e.g. {@code "kernel"}
     * @param shape its dimensions
     * @param initializer how to fill it
     * @param random the layer's seeded random source (advanced)
     * @return the live weight, which requires a gradient
     */
    protected final Tensor addWeight(String weightName, int[] shape, Initializer initializer, SplittableRandom random) {
        Tensor w = Storage.wrap(initializer.initialize(shape, random), shape).requiresGrad(true);
        weights.add(w);
        weightNames.add(weightName);
        return w;
    }

    /** @return copies of the weights, in Keras's order (e.g. kernel then bias) */
    public List<Tensor> getWeights() {
        List<Tensor> copies = new ArrayList<>();
        for (Tensor w : weights) {
            copies.add(Tensor.of(w.toArray(), w.shape()));
        }
        return copies;
    }

    /**
     * Replaces the weights' values, in {@link #getWeights()}'s order and shapes.
     *
     * @param values one tensor per weight (copied in)
     * @throws IllegalStateException if the layer is not built yet
     * @throws ShapeException if the count or a shape differs
     */
    public void setWeights(List<Tensor> values) {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " has no weights yet: build it (or give the model an input shape) first");
        }
        if (values.size() != weights.size()) {
            throw new ShapeException("setWeights: " + describe() + " expects " + weights.size() + " weights "
                    + weightNames + ", received " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Tensor w = weights.get(i);
            if (!Shapes.equal(w.shape(), values.get(i).shape())) {
                throw new ShapeException("setWeights: " + describe() + " weight '" + weightNames.get(i) + "' has shape "
                        + Shapes.format(w.shape()) + ", received " + Shapes.format(values.get(i).shape()));
            }
        }
        for (int i = 0; i < values.size(); i++) {
            System.arraycopy(Storage.data(values.get(i)), 0, Storage.data(weights.get(i)), 0, weights.get(i).size());
        }
    }

    /** @return the live weights an optimizer updates in place (not copies) */
    public List<Tensor> trainableWeights() {
        return Collections.unmodifiableList(weights);
    }

    /** @return the weights' names, in order */
    public List<String> weightNames() {
        return Collections.unmodifiableList(weightNames);
    }

    /** @return the number of weight values */
    public int countParams() {
        int n = 0;
        for (Tensor w : weights) {
            n += w.size();
        }
        return n;
    }

    /**
     * @return the per-example output shape
     * @throws IllegalStateException if the layer is not built yet
     */
    public int[] outputShape() {
        if (builtOutputShape == null) {
            throw new IllegalStateException(describe() + " is not built yet, so its output shape is unknown");
        }
        return builtOutputShape.clone();
    }

    /**
     * @return the per-example input shape it was built for
     * @throws IllegalStateException if the layer is not built yet
     */
    public int[] builtInputShape() {
        if (builtInputShape == null) {
            throw new IllegalStateException(describe() + " is not built yet");
        }
        return builtInputShape.clone();
    }

    /**
     * The constructor settings, as Keras's {@code get_config()}: what saving a model writes and
     * loading gives back. Subclasses add their own settings to the base's.
     *
     * @return an ordered map of setting name to value (numbers, strings, booleans, int arrays)
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        if (declaredInputShape != null) {
            config.put("input_shape", declaredInputShape.clone());
        }
        return config;
    }

    /**
     * Validates a setting that must be a positive integer, as constructors and setters do.
     *
     * @param setting the setting's Keras name, e.g. {@code "units"}
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException echoing the value, e.g. {@code Dense: units must be a positive integer. Received: units=0}
     */
    protected final int requirePositive(String setting, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting
                    + " must be a positive integer. Received: " + setting + "=" + value);
        }
        return value;
    }

    /**
     * Validates a padding setting.
     *
     * @param name the value received
     * @return {@code name}, which is {@code "valid"} or {@code "same"}
     * @throws IllegalArgumentException echoing the value for any other name
     */
    protected final String requirePadding(String name) {
        if (!PaddingRule.isKnown(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding must be 'valid' or 'same'. Received: padding="
                    + name);
        }
        return name;
    }

    /**
     * Checks that a batch has the per-example shape this layer was built for.
     *
     * @param x the batch
     * @throws ShapeException naming the layer and both shapes
     */
    protected final void checkInput(Tensor x) {
        int[] s = Storage.shape(x);
        boolean ok = s.length == builtInputShape.length + 1;
        for (int d = 0; ok && d < builtInputShape.length; d++) {
            ok = s[d + 1] == builtInputShape[d];
        }
        if (!ok) {
            throw new ShapeException(describe() + ": expected input shape " + Shapes.formatBatched(builtInputShape)
                    + ", received " + Shapes.format(s));
        }
    }

    /** @return e.g. {@code layer 'dense_1' (Dense)}, for messages */
    public String describe() {
        return "layer '" + (name == null ? baseName() : name) + "' (" + getClass().getSimpleName() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
