package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The base of every layer, with Keras's life cycle: the constructor stores and validates settings,
 * {@link #computeOutputShape} infers shapes without data, {@link #declareWeights} names the
 * variables the layer needs for an input shape, {@link #build} makes them, and {@link #call}
 * computes. {@link #getConfig()} returns the settings, from which the layer's registered factory
 * ({@link Layers}) rebuilds it: that, with the variables, is all a model file holds.
 *
 * <p>Shapes here never include the batch dimension: a Dense layer on 784 features has input
 * shape {@code (784)} and is called on tensors of shape {@code (batch, 784)}. A layer with several
 * inputs or outputs (the merge layers, a recurrent layer returning its state) overrides the list
 * forms {@link #computeOutputShapes(List)} and {@link #call(List, boolean)}.
 *
 * <p>A layer is placed in a model by adding it to a {@code Sequential} or by {@link #apply applying}
 * it to symbolic tensors; applied twice, it is one layer with one set of weights.
 * {@link #trainable(boolean) trainable(false)} freezes it: its weights keep their values in
 * {@code fit}.
 *
 * <pre>{@code
 * Dense dense = new Dense(10, "softmax");
 * dense.build(new int[] {784}, 42L);
 * Tensor probabilities = dense.call(Tensor.zeros(32, 784), false);   // (32, 10)
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private int[] declaredInputShape;
    private boolean trainable = true;
    private List<int[]> builtInputShapes;
    private List<int[]> builtOutputShapes;
    /** The input shapes of the first symbolic call, which every later call must repeat (a shared layer has one set of weights). */
    private List<int[]> appliedInputShapes;
    private long buildSeed;
    private final List<Variable> variables = new ArrayList<>();

    /** For subclasses. */
    protected Layer() {
    }

    // ---------------------------------------------------------------- identity and settings

    /**
     * Declares the per-example input shape, as Keras's {@code input_shape}; used on a
     * {@code Sequential} model's first layer.
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
     * @param layerName the name, unique within a model; it may not contain {@code /}
     * @return this layer
     * @throws IllegalArgumentException if the name is blank or contains {@code /}
     */
    public Layer name(String layerName) {
        if (layerName == null || layerName.isBlank() || layerName.contains("/")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a name must not be blank or contain '/'. "
                    + "Received: name=" + layerName);
        }
        this.name = layerName;
        return this;
    }

    /** @return the layer's name, or {@code null} until it is named or placed in a model */
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
     * Freezes or unfreezes the layer, as Keras's {@code layer.trainable = False}: a frozen layer's
     * weights take no optimizer step and no gradient is computed for them.
     *
     * @param on whether the layer's weights are trained (default true)
     * @return this layer
     */
    public Layer trainable(boolean on) {
        trainable = on;
        for (Variable v : variables) {
            if (v.kind() == Variable.Kind.TRAINABLE) {
                v.value().requiresGrad(on);
            }
        }
        return this;
    }

    /** @return whether the layer's weights are trained */
    public boolean trainable() {
        return trainable;
    }

    // ---------------------------------------------------------------- symbolic application

    /**
     * Calls the layer on symbolic tensors, as Keras's {@code layer(x)} when building a functional
     * model: infers the output shape and records the call. A layer applied twice shares its
     * weights.
     *
     * <pre>{@code
     * SymbolicTensor inputs = Input.shape(784);
     * SymbolicTensor hidden = new Dense(64, "relu").apply(inputs);
     * SymbolicTensor outputs = new Dense(10, "softmax").apply(hidden);
     * Model model = new Model(inputs, outputs);
     * }</pre>
     *
     * @param inputs the symbolic inputs, one per input of the layer
     * @param <T> the symbolic tensor type
     * @return the symbolic output
     * @throws ShapeException naming the layer and the shapes if it cannot take them
     * @throws IllegalArgumentException if the layer has several outputs (use {@link #applyAll})
     */
    @SafeVarargs
    public final <T extends Symbolic<T>> T apply(T... inputs) {
        List<T> in = new ArrayList<>(inputs.length);
        for (T t : inputs) {
            in.add(t);
        }
        List<T> outputs = applyTo(in);
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(describe() + " has " + outputs.size() + " outputs; use applyAll(...)");
        }
        return outputs.get(0);
    }

    /**
     * Calls the layer on symbolic tensors and returns all of its outputs (e.g. a recurrent
     * layer's output and states).
     *
     * @param inputs the symbolic inputs, one per input of the layer
     * @param <T> the symbolic tensor type
     * @return the symbolic outputs
     * @throws ShapeException naming the layer and the shapes if it cannot take them
     */
    @SafeVarargs
    public final <T extends Symbolic<T>> List<T> applyAll(T... inputs) {
        List<T> in = new ArrayList<>(inputs.length);
        for (T t : inputs) {
            in.add(t);
        }
        return applyTo(in);
    }

    private <T extends Symbolic<T>> List<T> applyTo(List<T> in) {
        if (in.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": apply needs at least one input");
        }
        if (in.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(describe() + ": apply received a null input");
        }
        List<int[]> shapes = new ArrayList<>();
        for (T t : in) {
            shapes.add(t.shape());
        }
        List<int[]> expected = isBuilt() ? builtInputShapes : appliedInputShapes;
        if (expected != null && !sameShapes(expected, shapes)) {
            throw new ShapeException(describe() + " was built for input shape " + formatShapes(expected)
                    + " and cannot be applied to " + formatShapes(shapes));
        }
        List<T> outputs = in.get(0).record(this, List.copyOf(in), outputShapes(shapes));
        if (appliedInputShapes == null) {
            appliedInputShapes = copy(shapes);
        }
        return outputs;
    }

    // ---------------------------------------------------------------- shapes

    /**
     * The per-example output shape for a per-example input shape, computed without data; the
     * form single-input layers override.
     *
     * @param inputShape the per-example input dimensions (not modified)
     * @return the per-example output dimensions
     * @throws ShapeException naming the layer if it cannot take that shape
     */
    public int[] computeOutputShape(int[] inputShape) {
        throw new UnsupportedOperationException(describe() + " takes several inputs; use computeOutputShapes(List)");
    }

    /**
     * The per-example output shapes for the per-example input shapes; layers with several inputs
     * or outputs override this. The default takes one input and gives
     * {@link #computeOutputShape(int[])}.
     *
     * @param inputShapes the per-example input dimensions, one per input (not modified)
     * @return one shape per output
     * @throws ShapeException naming the layer if it cannot take those shapes
     */
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        requireInputs(inputShapes.size(), 1);
        return List.of(computeOutputShape(inputShapes.get(0).clone()));
    }

    /**
     * {@link #computeOutputShapes} with the shapes checked first: every dimension positive.
     *
     * @param inputShapes the per-example input dimensions
     * @return one shape per output
     * @throws ShapeException naming the layer and the shapes if it cannot take them
     */
    public final List<int[]> outputShapes(List<int[]> inputShapes) {
        for (int[] s : inputShapes) {
            for (int d : s) {
                if (d < 1) {
                    throw new ShapeException(describe() + ": input shapes must have positive dimensions, received "
                            + formatShapes(inputShapes));
                }
            }
        }
        try {
            return computeOutputShapes(inputShapes);
        } catch (ArithmeticException e) {
            throw new ShapeException(describe() + ": input shape " + formatShapes(inputShapes) + " is too large: " + e.getMessage());
        }
    }

    /**
     * Checks the number of inputs a layer receives.
     *
     * @param received the number received
     * @param expected the number the layer takes
     * @throws IllegalArgumentException naming the layer otherwise
     */
    protected final void requireInputs(int received, int expected) {
        if (received != expected) {
            throw new IllegalArgumentException(describe() + " takes " + expected + " input" + (expected == 1 ? "" : "s")
                    + ", received " + received);
        }
    }

    // ---------------------------------------------------------------- weights

    /**
     * Declares the variables this layer needs for a per-example input shape, in Keras's order
     * (e.g. kernel then bias); the default declares none. It must depend on the settings and the
     * shape only: a model file is checked against it before any memory is given to the layer.
     *
     * @param inputShape the per-example input dimensions (not modified)
     * @param weights where to declare them
     */
    protected void declareWeights(int[] inputShape, Weights weights) {
    }

    /**
     * The list form of {@link #declareWeights(int[], Weights)}, which layers with several inputs
     * override; the default passes the only input shape on.
     *
     * @param inputShapes the per-example input dimensions, one per input
     * @param weights where to declare them
     */
    protected void declareWeights(List<int[]> inputShapes, Weights weights) {
        if (inputShapes.size() == 1) {
            declareWeights(inputShapes.get(0).clone(), weights);
        }
    }

    /**
     * The variables the layer would make for the given input shapes, by path, without making them
     * (a pure function of the settings and shapes): a model file is checked against them before
     * any memory is given to the layer. A layer's paths are its variables' names; a model's are
     * {@code layer/variable}, nested as deep as its models are.
     *
     * @param inputShapes the per-example input dimensions, one per input
     * @return the declarations by path, in order
     */
    public Map<String, Weights.Spec> variableSpecs(List<int[]> inputShapes) {
        Map<String, Weights.Spec> specs = new LinkedHashMap<>();
        for (Weights.Spec spec : declared(inputShapes)) {
            specs.put(spec.name(), spec);
        }
        return specs;
    }

    private List<Weights.Spec> declared(List<int[]> inputShapes) {
        Weights weights = new Weights(describe());
        declareWeights(inputShapes, weights);
        return weights.specs();
    }

    /**
     * Builds the layer for a per-example input shape.
     *
     * @param inputShape the per-example input dimensions (not modified)
     * @param seed the seed of this layer's initializers and randomness
     * @throws ShapeException if the layer cannot take that shape
     * @throws IllegalStateException if the layer was built before for another shape
     */
    public final void build(int[] inputShape, long seed) {
        build(List.of(inputShape.clone()), seed);
    }

    /**
     * Builds the layer: checks the input shapes, infers the output shapes, and makes the declared
     * variables, drawing their first values in order from a generator seeded with {@code seed}.
     * Building again with the same shapes keeps the variables.
     *
     * @param inputShapes the per-example input dimensions, one per input (not modified)
     * @param seed the seed of this layer's initializers and randomness
     * @throws ShapeException if the layer cannot take those shapes
     * @throws IllegalStateException if the layer was built before for other shapes
     */
    public void build(List<int[]> inputShapes, long seed) {
        if (isBuilt()) {
            if (!sameShapes(builtInputShapes, inputShapes)) {
                throw new IllegalStateException(describe() + " was built for input shape " + formatShapes(builtInputShapes)
                        + " and cannot be rebuilt for " + formatShapes(inputShapes));
            }
            return;
        }
        List<int[]> in = copy(inputShapes);
        List<int[]> out = copy(outputShapes(in));
        SplittableRandom random = new SplittableRandom(seed);
        List<Variable> made = new ArrayList<>();
        for (Weights.Spec spec : declared(in)) {
            double[] values = spec.initializer().initialize(spec.shape(), random);
            Tensor t = Storage.wrap(values, spec.shape());
            if (spec.kind() == Variable.Kind.TRAINABLE) {
                t.requiresGrad(trainable);
            }
            made.add(new Variable(spec.name(), t, spec.kind(), spec.regularizer(), spec.constraint()));
        }
        variables.addAll(made);
        buildSeed = seed;
        builtInputShapes = in;
        builtOutputShapes = out;
    }

    /**
     * The seed the layer was built with, for layers that draw random numbers while running
     * (Dropout's masks, augmentation).
     *
     * @return the seed given to {@link #build}
     * @throws IllegalStateException if the layer is not built yet
     */
    protected final long buildSeed() {
        requireBuilt();
        return buildSeed;
    }

    /** @return whether {@link #build} has run */
    public boolean isBuilt() {
        return builtInputShapes != null;
    }

    // ---------------------------------------------------------------- calling

    /**
     * Computes the layer's output for a batch; the form single-input layers override.
     *
     * @param x a batch, shape {@code (batch, ...inputShape)}
     * @param training whether this is a training step (Dropout is active only then)
     * @return the output, shape {@code (batch, ...outputShape)}
     */
    public Tensor call(Tensor x, boolean training) {
        throw new UnsupportedOperationException(describe() + " takes several inputs; use call(List, boolean)");
    }

    /**
     * Computes the layer's outputs for batches of its inputs; layers with several inputs or
     * outputs override this. The default takes one input and gives {@link #call(Tensor, boolean)}.
     *
     * @param inputs one batch per input, in order
     * @param training whether this is a training step
     * @return one batch per output
     */
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        requireInputs(inputs.size(), 1);
        return List.of(call(inputs.get(0), training));
    }

    /**
     * Checks that batches have the per-example shapes this layer was built for, and carry no mask
     * unless the layer {@link #supportsMasking() supports masking}, before {@link #call}: models
     * check every layer's inputs this way.
     *
     * @param inputs one batch per input
     * @throws ShapeException naming the layer and both shapes
     * @throws IllegalArgumentException naming the layer if an input carries a mask it cannot take
     */
    public final void checkInputs(List<Tensor> inputs) {
        requireBuilt();
        boolean ok = inputs.size() == builtInputShapes.size();
        int batch = -1;
        for (int i = 0; ok && i < inputs.size(); i++) {
            int[] s = Storage.shape(inputs.get(i));
            int[] expected = builtInputShapes.get(i);
            ok = s.length == expected.length + 1 && (batch < 0 || s[0] == batch);
            batch = s.length > 0 ? s[0] : batch;
            for (int d = 0; ok && d < expected.length; d++) {
                ok = s[d + 1] == expected[d];
            }
        }
        if (!ok) {
            List<int[]> received = new ArrayList<>();
            inputs.forEach(t -> received.add(Storage.shape(t)));
            throw new ShapeException(describe() + ": expected input shape " + formatShapes(builtInputShapes) + ", received "
                    + (received.size() == 1 ? Shapes.format(received.get(0)) : received.stream().map(Shapes::format).toList()));
        }
        for (int i = 0; i < inputs.size() && !supportsMasking(); i++) {
            if (Storage.mask(inputs.get(i)) != null) {
                throw new IllegalArgumentException(describe() + " does not support masking, but its input"
                        + (inputs.size() == 1 ? "" : " " + i) + " carries a mask (made by an Embedding with maskZero(true) or a "
                        + "Masking layer, and passed on by the layers since). Keras would drop the mask here; end it first with "
                        + "a layer that consumes it (a recurrent layer without returnSequences, masked pooling) or remove it");
            }
        }
    }

    // ---------------------------------------------------------------- losses, constraints, masks

    /**
     * Adds a loss computed while the layer runs (Keras's {@code add_loss}), e.g. an activity
     * regularizer's penalty on the output: training adds it to the model's loss.
     *
     * @param loss a scalar, differentiable with respect to what it penalizes
     */
    protected final void addLoss(Tensor loss) {
        LossScope.add(loss);
    }

    /**
     * The penalties of the regularized weights (Keras's weight regularization losses), computed
     * from their current values; none while the layer is frozen.
     *
     * @return one scalar per regularized trainable weight
     */
    public List<Tensor> regularizationLosses() {
        List<Tensor> out = new ArrayList<>();
        if (trainable) {
            for (Variable v : variables) {
                if (v.kind() == Variable.Kind.TRAINABLE && v.regularizer() != null) {
                    out.add(v.regularizer().penalty(v.value()));
                }
            }
        }
        return out;
    }

    /** Projects every constrained weight in place; the training step calls it after each optimizer update. */
    public void applyConstraints() {
        for (Variable v : variables) {
            if (v.constraint() != null) {
                v.constraint().applyInPlace(Storage.data(v.value()), Storage.shape(v.value()));
            }
        }
    }

    /**
     * Whether the layer takes inputs that carry a mask (Keras's {@code supports_masking}): a
     * sequence whose padded steps an {@code Embedding(maskZero)} or a {@code Masking} layer marked.
     * Such a layer reads the mask with {@link Storage#mask} and its outputs carry
     * {@link #computeMask}'s mask on.
     *
     * @return false by default
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * The mask of the layer's output, given its inputs (which may carry masks); the default passes
     * the first input's mask on when the layer supports masking (Keras's {@code compute_mask}).
     *
     * @param inputs the layer's inputs, as called
     * @return the output's mask ({@code (batch, steps)} of 0 and 1), or {@code null} for none
     */
    public Tensor computeMask(List<Tensor> inputs) {
        return supportsMasking() ? Storage.mask(inputs.get(0)) : null;
    }

    // ---------------------------------------------------------------- variables

    /**
     * The live value of one of this layer's variables, for {@link #call}.
     *
     * @param variableName a name declared in {@link #declareWeights}
     * @return the variable's live tensor
     * @throws IllegalStateException if the layer has no such variable (or is not built)
     */
    protected final Tensor weight(String variableName) {
        for (Variable v : variables) {
            if (v.name().equals(variableName)) {
                return v.value();
            }
        }
        throw new IllegalStateException(describe() + " has no variable '" + variableName + "'"
                + (isBuilt() ? "" : ": it is not built yet"));
    }

    /**
     * Every variable of the layer (weights and other state), in declaration order: what a model
     * file saves.
     *
     * @return the variables (the list cannot be changed)
     */
    public List<Variable> variables() {
        return Collections.unmodifiableList(variables);
    }

    /**
     * Every variable by its path, as {@link #variableSpecs} names them: what a model file saves
     * and restores.
     *
     * @return the variables by path, in order
     */
    public Map<String, Variable> variablesByPath() {
        Map<String, Variable> byPath = new LinkedHashMap<>();
        for (Variable v : variables) {
            byPath.put(v.name(), v);
        }
        return byPath;
    }

    /**
     * @return copies of the weights in Keras's {@code get_weights()} order: the trainable weights
     *         in declaration order, then the non-trainable ones (BatchNormalization: gamma, beta,
     *         moving_mean, moving_variance)
     */
    public List<Tensor> getWeights() {
        List<Tensor> copies = new ArrayList<>();
        for (Variable v : weightVariables()) {
            copies.add(Tensor.of(v.value().toArray(), v.shape()));
        }
        return copies;
    }

    /**
     * Replaces the weights' values, in {@link #getWeights()}'s order and shapes.
     *
     * @param values one tensor per weight (copied in)
     * @throws IllegalStateException if the layer is not built yet
     * @throws ShapeException if the count or a shape differs; no weight changes then
     */
    public void setWeights(List<Tensor> values) {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " has no weights yet: build it (or give the model an input shape) first");
        }
        List<Variable> weights = weightVariables();
        if (values.size() != weights.size()) {
            throw new ShapeException("setWeights: " + describe() + " expects " + weights.size() + " weights "
                    + weights.stream().map(Variable::name).toList() + ", received " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Variable w = weights.get(i);
            if (!Shapes.equal(w.shape(), values.get(i).shape())) {
                throw new ShapeException("setWeights: " + describe() + " weight '" + w.name() + "' has shape "
                        + Shapes.format(w.shape()) + ", received " + Shapes.format(values.get(i).shape()));
            }
        }
        for (int i = 0; i < values.size(); i++) {
            weights.get(i).assign(values.get(i));
        }
    }

    /** @return the weight variables in {@link #getWeights()}'s order */
    List<Variable> weightVariables() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables) {
            if (v.kind() == Variable.Kind.TRAINABLE) {
                out.add(v);
            }
        }
        for (Variable v : variables) {
            if (v.kind() == Variable.Kind.NON_TRAINABLE) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * @return the live weights the optimizer updates in place: the trainable weights, or none
     *         while the layer is frozen
     */
    public List<Tensor> trainableWeights() {
        List<Tensor> out = new ArrayList<>();
        if (trainable) {
            for (Variable v : variables) {
                if (v.kind() == Variable.Kind.TRAINABLE) {
                    out.add(v.value());
                }
            }
        }
        return out;
    }

    /** @return the live weights that are not trained: non-trainable ones, and all of a frozen layer's */
    public List<Tensor> nonTrainableWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weightVariables()) {
            if (!trainable || v.kind() == Variable.Kind.NON_TRAINABLE) {
                out.add(v.value());
            }
        }
        return out;
    }

    /** @return the names of the weights, in {@link #getWeights()}'s order */
    public List<String> weightNames() {
        return weightVariables().stream().map(Variable::name).toList();
    }

    /** @return the number of weight values, trainable or not */
    public int countParams() {
        int n = 0;
        for (Variable v : weightVariables()) {
            n = Math.addExact(n, v.value().size());
        }
        return n;
    }

    // ---------------------------------------------------------------- built shapes

    /**
     * @return the per-example output shape of a single-output layer
     * @throws IllegalStateException if the layer is not built yet or has several outputs
     */
    public int[] outputShape() {
        requireBuilt();
        if (builtOutputShapes.size() != 1) {
            throw new IllegalStateException(describe() + " has " + builtOutputShapes.size() + " outputs; use outputShapes()");
        }
        return builtOutputShapes.get(0).clone();
    }

    /**
     * @return the per-example output shapes, one per output
     * @throws IllegalStateException if the layer is not built yet
     */
    public List<int[]> outputShapes() {
        requireBuilt();
        return copy(builtOutputShapes);
    }

    /**
     * @return the per-example input shape of a single-input layer, as built
     * @throws IllegalStateException if the layer is not built yet or has several inputs
     */
    public int[] builtInputShape() {
        requireBuilt();
        if (builtInputShapes.size() != 1) {
            throw new IllegalStateException(describe() + " has " + builtInputShapes.size() + " inputs; use builtInputShapes()");
        }
        return builtInputShapes.get(0).clone();
    }

    /**
     * @return the per-example input shapes it was built for, one per input
     * @throws IllegalStateException if the layer is not built yet
     */
    public List<int[]> builtInputShapes() {
        requireBuilt();
        return copy(builtInputShapes);
    }

    // ---------------------------------------------------------------- config

    /**
     * The settings, as Keras's {@code get_config()}: what saving a model writes and the layer's
     * registered factory ({@link Layers#register}) reads back. The base holds the name, whether
     * the layer is trainable and any declared input shape; subclasses add their constructor
     * settings under Keras's names.
     *
     * @return a new config
     */
    public Config getConfig() {
        Config config = Config.of(describe());
        config.put("name", name);
        config.put("trainable", trainable);
        if (declaredInputShape != null) {
            config.put("input_shape", declaredInputShape.clone());
        }
        return config;
    }

    // ---------------------------------------------------------------- validation helpers

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
     * @param padding the value received
     * @return {@code padding}, which is {@code "valid"} or {@code "same"}
     * @throws IllegalArgumentException echoing the value for any other name
     */
    protected final String requirePadding(String padding) {
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding must be 'valid' or 'same'. Received: padding="
                    + padding);
        }
        return padding;
    }

    /** @return e.g. {@code layer 'dense_1' (Dense)}, for messages */
    public String describe() {
        return "layer '" + (name == null ? baseName() : name) + "' (" + getClass().getSimpleName() + ")";
    }

    /** @return e.g. {@code Dense(name=dense_1, units=10, activation=softmax, ...)}: the class and its config */
    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig().toString().replace('{', '(').replace('}', ')');
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " is not built yet");
        }
    }

    private static boolean sameShapes(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<int[]> copy(List<int[]> shapes) {
        List<int[]> out = new ArrayList<>(shapes.size());
        shapes.forEach(s -> out.add(s.clone()));
        return out;
    }

    /**
     * @param shapes per-example shapes
     * @return them as Keras prints them, {@code (None, 784)} or a list of such
     */
    static String formatShapes(List<int[]> shapes) {
        return shapes.size() == 1 ? Shapes.formatBatched(shapes.get(0)) : shapes.stream().map(Shapes::formatBatched).toList().toString();
    }
}
