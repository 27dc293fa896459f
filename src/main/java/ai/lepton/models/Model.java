package ai.lepton.models;

import ai.lepton.autograd.NoGrad;
import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.SampleWeights;
import ai.lepton.layers.InputLayer;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Layers;
import ai.lepton.layers.LossScope;
import ai.lepton.layers.Variable;
import ai.lepton.layers.Weights;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.metrics.Metric;
import ai.lepton.metrics.Metrics;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A model: a graph of layers from inputs to outputs that trains, evaluates, predicts, saves and
 * loads, as Keras's {@code keras.Model}. Build it the functional way, by applying layers to
 * symbolic tensors from {@link Input#shape}; a {@link Sequential} is the special case of a plain
 * stack. Several inputs and outputs, layers applied twice (one set of weights) and models used as
 * layers of other models are all allowed.
 *
 * <p>The weights are made the first time they are needed ({@link #summary()}, {@link #getWeights()},
 * training or inference) from the model's {@link #seed(long) seed}: the same seed gives the same
 * weights and, with the same data, the same training result. The default seed is
 * {@link #DEFAULT_SEED}, so a program gives the same result on every run unless it picks another
 * (Keras is random by default; Lepton is reproducible by default).
 *
 * <p>Threads: the kernels use all cores by default ({@code -Dlepton.threads=N} or
 * {@link ai.lepton.Settings#setThreads} to change);
 * work is cut into the same pieces whatever the count and sums happen in a fixed order, so the
 * thread count never changes a bit of the weights or predictions. {@link #predict} may be called
 * from many threads at once on a model that is not training. {@link #save} and {@link #load} keep
 * a model bit for bit, optimizer state included, so training can resume from a file
 * ({@link FitOptions#initialEpoch}).
 *
 * <pre>{@code
 * SymbolicTensor inputs = Input.shape(4);
 * SymbolicTensor hidden = new Dense(16, "relu").apply(inputs);
 * SymbolicTensor outputs = new Dense(3, "softmax").apply(hidden);
 * Model model = new Model(inputs, outputs);
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * model.fit(x, y, 5, 32);
 * Tensor probabilities = model.predict(xNew);
 * }</pre>
 */
public class Model extends Layer {
    /** The seed used unless {@link #seed(long)} picks another. */
    public static final long DEFAULT_SEED = 0L;
    /** The batch size of {@link #predict(Tensor)} and {@link #evaluate(Tensor, Tensor)}, Keras's 32. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    static {
        Layers.register("Functional", Model.class, Model::fromConfig);
        Layers.register("Sequential", Sequential.class, Sequential::fromConfig);
    }

    private Graph graph;
    private long seed = DEFAULT_SEED;
    private boolean seedSet;
    private boolean built;
    private Optimizer optimizer;
    private List<Loss> losses = List.of();
    private List<List<String>> metricNames = List.of();
    private Map<String, Metric> metricObjects = Map.of();
    private double[] lossWeights;
    private volatile boolean stopTraining;
    private int progressEpoch = -1;
    private int progressStep;
    private EpochLogs progressLogs;
    private List<String> loadWarnings = List.of();
    private List<String> classNames = List.of();

    /**
     * A model from one input to one output, as {@code keras.Model(inputs, outputs)}.
     *
     * @param input the input placeholder, from {@link Input#shape}
     * @param output the output placeholder
     * @throws IllegalArgumentException if the output is not computed from the input alone
     */
    public Model(SymbolicTensor input, SymbolicTensor output) {
        this(List.of(input), List.of(output));
    }

    /**
     * A model with several inputs or outputs; data and labels are then given as lists in the same
     * orders.
     *
     * @param inputs the input placeholders, each from {@link Input#shape}
     * @param outputs the output placeholders
     * @throws IllegalArgumentException if an output depends on a placeholder that is not an input,
     *         an input is not used, the graph has a cycle or two layers share a name
     */
    public Model(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        super.name("functional");
        graph = new Graph(inputs, outputs, "functional");
    }

    /** For {@link Sequential}, whose graph grows as layers are added. */
    Model(String defaultName) {
        super.name(defaultName);
    }

    // ---------------------------------------------------------------- settings

    @Override
    public Model name(String modelName) {
        super.name(modelName);
        return this;
    }

    /**
     * Sets the seed from which every layer's initial weights are drawn (and, unless
     * {@link FitOptions#seed} says otherwise, the shuffling of training data).
     *
     * @param value the seed
     * @return this model
     * @throws IllegalStateException if the weights already exist
     */
    public Model seed(long value) {
        if (built) {
            throw new IllegalStateException(describe() + ": seed(" + value + ") must be set before the weights "
                    + "are made (before summary(), getWeights(), fit or predict)");
        }
        seed = value;
        seedSet = true;
        return this;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Freezes or unfreezes every layer of the model, as Keras's {@code model.trainable = False}.
     *
     * @param on whether the layers are trained
     * @return this model
     */
    @Override
    public Model trainable(boolean on) {
        super.trainable(on);
        for (Layer l : ownLayers()) {
            l.trainable(on);
        }
        return this;
    }

    /**
     * The model's layers, as Keras's {@code model.layers}: for a functional model its input layers
     * first, then every layer once in the order of first use; for a {@link Sequential}, its stack.
     *
     * @return the layers (the list cannot be changed)
     */
    public List<Layer> layers() {
        return graph() == null ? List.of() : graph().layers();
    }

    /**
     * The layer of a name, built when the model's input shapes are known (so its weights can be
     * read and set).
     *
     * @param layerName a layer's name
     * @return the model's layer of that name
     * @throws IllegalArgumentException if there is none, listing the names there are
     */
    public Layer getLayer(String layerName) {
        buildIfKnown();
        for (Layer l : layers()) {
            if (layerName != null && layerName.equals(l.name())) {
                return l;
            }
        }
        throw new IllegalArgumentException(describe() + " has no layer named '" + layerName + "'; it has "
                + layers().stream().map(Layer::name).toList());
    }

    /** The layers that hold variables and train (input layers excluded), in order. */
    List<Layer> ownLayers() {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers()) {
            if (!(l instanceof InputLayer)) {
                out.add(l);
            }
        }
        return out;
    }

    /** @return the graph, or {@code null} for a Sequential that does not know its input shape yet */
    Graph graph() {
        return graph;
    }

    /** @param g the graph a Sequential made from its stack */
    void graph(Graph g) {
        graph = g;
    }

    /**
     * Whether this model is {@code layer} or holds it, at any depth: a model cannot contain itself.
     *
     * @param layer a layer
     * @return true if it is this model or one of its layers, nested models included
     */
    boolean contains(Layer layer) {
        if (layer == this) {
            return true;
        }
        for (Layer l : ownLayers()) {
            if (l == layer || (l instanceof Model m && m.contains(layer))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- compile

    /**
     * Configures training with a loss by name.
     *
     * @param opt the optimizer, e.g. {@code new Adam(1e-3)}
     * @param lossName a loss name from {@link Losses#NAMES}, used for every output
     * @param metrics metric names, e.g. {@code "accuracy"} (see {@link Metrics}), for every output
     * @throws IllegalArgumentException for an unknown loss or metric name, listing the known ones
     */
    public void compile(Optimizer opt, String lossName, String... metrics) {
        compile(opt, Losses.get(lossName), metrics);
    }

    /**
     * Configures training with an optimizer's defaults.
     *
     * @param optimizerName {@code "sgd"}, {@code "adam"} or {@code "rmsprop"}
     * @param lossName a loss name from {@link Losses#NAMES}
     * @param metrics metric names, e.g. {@code "accuracy"}
     */
    public void compile(String optimizerName, String lossName, String... metrics) {
        compile(Optimizers.get(optimizerName), Losses.get(lossName), metrics);
    }

    /**
     * Configures training with a loss object, used for every output.
     *
     * @param opt the optimizer
     * @param lossFunction the loss
     * @param metrics metric names, e.g. {@code "accuracy"}, for every output
     */
    public void compile(Optimizer opt, Loss lossFunction, String... metrics) {
        if (lossFunction == null) {
            throw new IllegalArgumentException("compile: the loss must be given");
        }
        compile(opt, Collections.nCopies(outputCount(), lossFunction), perOutput(List.of(metrics)));
    }

    /**
     * Configures training with a loss object and metric objects, as Keras's
     * {@code compile(loss=..., metrics=[keras.metrics.AUC(), ...])}: each metric is reported under
     * its own {@link Metric#name() name}, for every output, and every {@code fit} or
     * {@code evaluate} counts with a fresh copy of it ({@link Metrics#copyOf}), e.g.
     * {@code compile(new Adam(), new BinaryCrossentropy(), List.of(new AUC(), new Precision().thresholds(0.3)))}.
     *
     * @param opt the optimizer
     * @param lossFunction the loss
     * @param metrics the metrics, of registered classes and with distinct names
     * @throws IllegalArgumentException if a metric's class is not registered or two metrics share a name
     */
    public void compile(Optimizer opt, Loss lossFunction, List<? extends Metric> metrics) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Metrics.copyOf(m);
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("compile: two metrics are named '" + m.name() + "'; give one another name");
            }
        }
        compile(opt, lossFunction);
        metricNames = perOutput(List.copyOf(byName.keySet()));
        metricObjects = Map.copyOf(byName);
    }

    /**
     * Configures training of a model with several outputs: one loss per output, summed (weighted
     * by {@link FitOptions#lossWeights} if given); the metrics are computed for every output and
     * logged as Keras does ({@code dense_1_accuracy}).
     *
     * @param opt the optimizer
     * @param lossesPerOutput one loss name per output, in the model's output order
     * @param metrics metric names, for every output
     */
    public void compile(Optimizer opt, List<String> lossesPerOutput, String... metrics) {
        compile(opt, lossesPerOutput.stream().map(Losses::get).toList(), perOutput(List.of(metrics)));
    }

    /**
     * Configures training with one loss and one list of metrics per output.
     *
     * @param opt the optimizer
     * @param lossesPerOutput one loss per output
     * @param metricsPerOutput one list of metric names per output
     * @throws IllegalArgumentException if a list does not have one entry per output or a metric name is unknown
     */
    public void compile(Optimizer opt, List<Loss> lossesPerOutput, List<List<String>> metricsPerOutput) {
        if (opt == null || lossesPerOutput == null || lossesPerOutput.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("compile: the optimizer and the losses must be given. Received: optimizer="
                    + opt + ", losses=" + lossesPerOutput);
        }
        int outputs = outputCount();
        if (lossesPerOutput.size() != outputs || metricsPerOutput.size() != outputs) {
            throw new IllegalArgumentException("compile: " + describe() + " has " + outputs + " outputs, received "
                    + lossesPerOutput.size() + " losses and " + metricsPerOutput.size() + " metric lists");
        }
        for (List<String> names : metricsPerOutput) {
            names.forEach(Metrics::check);
        }
        optimizer = opt;
        losses = List.copyOf(lossesPerOutput);
        metricNames = metricsPerOutput.stream().map(List::copyOf).toList();
        metricObjects = Map.of();
    }

    private List<List<String>> perOutput(List<String> metrics) {
        return Collections.nCopies(outputCount(), metrics);
    }

    /** @return the number of outputs (1 for a Sequential) */
    int outputCount() {
        return graph() == null ? 1 : graph().outputs().size();
    }

    /** @return the optimizer given to {@code compile}, or {@code null} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * @return the loss of a single-output model, or {@code null} if not compiled
     * @throws IllegalStateException if the model has several outputs (use {@link #losses()})
     */
    public Loss loss() {
        if (losses.size() > 1) {
            throw new IllegalStateException(describe() + " has " + losses.size() + " losses, one per output; use losses()");
        }
        return losses.isEmpty() ? null : losses.get(0);
    }

    /** @return the loss of each output, empty if not compiled */
    public List<Loss> losses() {
        return losses;
    }

    /** @return the metric names given to {@code compile} (those of the first output, for a model with several) */
    public List<String> metricNames() {
        return metricNames.isEmpty() ? List.of() : metricNames.get(0);
    }

    /** @return the metric names of each output */
    public List<List<String>> metricNamesPerOutput() {
        return metricNames;
    }

    /**
     * @param name a compiled metric's name
     * @return the metric object given to {@code compile} under that name, or {@code null} for a metric given by name
     */
    Metric metricObject(String name) {
        return metricObjects.get(name);
    }

    /** @return whether {@code compile} has been called */
    public boolean isCompiled() {
        return optimizer != null;
    }

    // ---------------------------------------------------------------- fit

    /**
     * Trains for a number of epochs with Keras's other defaults (shuffled, progress bar).
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @param y the labels, {@code (n, ...)} as the loss expects
     * @param epochs the number of passes over the data
     * @param batchSize examples per optimizer step
     * @return the loss and metrics per epoch
     * @throws ShapeException before any training, naming the layer or loss and both shapes, if the data do not fit
     */
    public History fit(Tensor x, Tensor y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.create().epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains with the given options. With {@link FitOptions#validationSplit}, the last fraction of
     * {@code x} and {@code y} (before shuffling) is held out for validation.
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @param y the labels, {@code (n, ...)} as the loss expects
     * @param options epochs, batch size, validation, callbacks, verbosity
     * @return the loss and metrics per epoch
     * @throws ShapeException before any training, naming the layer or loss and both shapes, if the data do not fit
     */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /**
     * Trains a model with several inputs or outputs: one tensor per input and one label tensor per
     * output, in the model's orders.
     *
     * @param xs the inputs, each {@code (n, ...)}
     * @param ys the labels, each {@code (n, ...)}
     * @param options epochs, batch size, validation, callbacks, verbosity, loss weights
     * @return the loss and metrics per epoch
     * @throws ShapeException before any training, if the data do not fit the model
     */
    public History fit(List<Tensor> xs, List<Tensor> ys, FitOptions options) {
        Dataset data = dataset("fit", xs, ys);
        Dataset train = data;
        Tensor weights = options.sampleWeight();
        if (weights != null) {
            if (options.classWeight() != null) {
                throw new IllegalArgumentException("fit: classWeight and sampleWeight cannot be used together, as in Keras; "
                        + "multiply them into one sampleWeight (SampleWeights.fromClassWeight gives the class part)");
            }
            SampleWeights.check("fit", weights, data.size());
        }
        Tensor trainWeights = weights;
        DataLoader validation = null;
        if (options.validationX() == null && options.validationLoader() == null && options.validationSplit() > 0) {
            int n = data.size();
            int splitAt = (int) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("fit: " + n + " examples are too few to hold out validationSplit="
                        + options.validationSplit() + " of them; give more data or another fraction");
            }
            train = data.take(0, splitAt);
            validation = DataLoader.of(data.take(splitAt, n), options.validationBatchSize())
                    .sampleWeight(rows(weights, splitAt, n));
            trainWeights = rows(weights, 0, splitAt);
        }
        DataLoader loader = DataLoader.of(train, options.batchSize()).sampleWeight(trainWeights);
        if (options.shuffle()) {
            loader.shuffle(options.seedOr(seed));
        }
        return train(loader, validation == null ? validation(options) : validation, options);
    }

    /**
     * Trains on a loader's batches for a number of epochs; the loader decides the batch size and
     * the shuffling.
     *
     * @param train the training batches
     * @param epochs the number of passes over the data
     * @return the loss and metrics per epoch
     */
    public History fit(DataLoader train, int epochs) {
        return fit(train, FitOptions.create().epochs(epochs));
    }

    /**
     * Trains on a loader's batches. The loader decides the batch size and the shuffling (epoch
     * {@code e} in the loader's order for epoch {@code e}, so a run resumed with
     * {@link FitOptions#initialEpoch} repeats the uninterrupted one), so setting
     * {@link FitOptions#batchSize}, {@link FitOptions#shuffle} or {@link FitOptions#validationSplit}
     * is an error here, as in Keras.
     *
     * @param train the training batches
     * @param options epochs, validation, callbacks, verbosity
     * @return the loss and metrics per epoch
     * @throws IllegalArgumentException if the options set the batch size, shuffling or a validation split
     */
    public History fit(DataLoader train, FitOptions options) {
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validationSplit=" + options.validationSplit() + " works on tensors only; "
                    + "split the loader's dataset (Dataset.split) and pass validationData instead");
        }
        if (options.batchSizeSet() || options.shuffleSet()) {
            throw new IllegalArgumentException("fit: with a DataLoader, the loader decides the batch size and the shuffling; "
                    + "set them on the loader (DataLoader.batchSize, DataLoader.shuffle), not in FitOptions");
        }
        if (options.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: with a DataLoader, the loader carries the sample weights; "
                    + "set them with DataLoader.sampleWeight, not FitOptions.sampleWeight");
        }
        return train(train, validation(options), options);
    }

    /**
     * Trains with a step of one's own plugged into the epoch loop (see {@link TrainStep}), e.g. a
     * data-parallel step; the loop runs the callbacks, the running means, validation and stopping.
     *
     * @param step what each step does
     * @param options epochs, validation, callbacks, verbosity (batch size and shuffling are the step's)
     * @return the loss and metrics per epoch
     * @throws IllegalStateException if the model is not compiled
     */
    public History fit(TrainStep step, FitOptions options) {
        requireCompiled("fit");
        if (options.classWeight() != null || options.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: a TrainStep brings its own batches; give them weights "
                    + "(Batch.withSampleWeight) instead of FitOptions.classWeight or FitOptions.sampleWeight");
        }
        return new Trainer(this, options).fit(step, validation(options));
    }

    private History train(DataLoader loader, DataLoader validation, FitOptions options) {
        requireCompiled("fit");
        if (loader.size() == 0) {
            throw new IllegalArgumentException("fit: there are no examples to train on");
        }
        if (loader.inMemory()) {
            checkLabels(loader.dataset());
        }
        List<String> trainClasses = checkClassNames("fit", loader.classNames());
        if (validation != null) {
            if (validation.inMemory()) {
                checkLabels(validation.dataset());
            }
            checkClassNames("fit: validation data", validation.classNames());
        }
        Map<Integer, Double> classWeight = options.classWeight();
        if (classWeight != null) {
            checkClassWeight(classWeight, loader);
        }
        if (classNames.isEmpty()) {
            classNames = trainClasses;
        }
        if (options.lossWeights() != null) {
            lossWeights(options.lossWeights());
        }
        return new Trainer(this, options).fit(new LocalStep(this, loader, options.stepsPerEpoch(), classWeight), validation);
    }

    /** Keras's rules for class weights: one output, no sample weights besides, keys that are classes of the output. */
    private void checkClassWeight(Map<Integer, Double> classWeight, DataLoader loader) {
        if (outputCount() != 1) {
            throw new IllegalArgumentException("fit: classWeight is only supported for models with a single output, as in "
                    + "Keras; " + describe() + " has " + outputCount() + " outputs. Give sample weights instead");
        }
        if (loader.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: classWeight and sample weights cannot be used together, as in Keras; "
                    + "the loader carries sample weights");
        }
        int[] out = outputShapes().get(0);
        // One sigmoid unit tells two classes apart, 0 and 1.
        int classes = out.length == 0 ? 2 : Math.max(2, out[out.length - 1]);
        SampleWeights.checkClassWeight(classWeight, classes, "fit");
    }

    private DataLoader validation(FitOptions options) {
        if (options.validationLoader() != null) {
            return options.validationLoader();
        }
        if (options.validationX() == null) {
            return null;
        }
        Dataset data = dataset("validation data", List.of(options.validationX()), List.of(options.validationY()));
        Tensor weights = options.validationSampleWeight();
        if (weights != null) {
            SampleWeights.check("validationData", weights, data.size());
        }
        return DataLoader.of(data, options.validationBatchSize()).sampleWeight(weights);
    }

    /** Rows {@code [from, to)} of a tensor, or {@code null} for none. */
    private static Tensor rows(Tensor t, int from, int to) {
        return t == null ? null : Dataset.rows(t, IntStream.range(from, to).toArray());
    }

    /**
     * Weighs the outputs' losses in the total, as Keras's {@code compile(loss_weights=...)}; also
     * set by {@link FitOptions#lossWeights}. The weights stay until changed.
     *
     * @param weights one finite weight per output
     * @return this model
     * @throws IllegalArgumentException if the count differs from the number of outputs or a weight is not finite
     */
    public Model lossWeights(double... weights) {
        if (weights.length != outputCount()) {
            throw new IllegalArgumentException("lossWeights has " + weights.length + " values, but " + describe()
                    + " has " + outputCount() + " outputs");
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("lossWeights must be finite. Received: " + java.util.Arrays.toString(weights));
            }
        }
        lossWeights = weights.clone();
        return this;
    }

    /** Checks every label against the losses before any training, naming the loss and the shapes. */
    private void checkLabels(Dataset data) {
        ensureBuilt(data.inputShapes());
        List<int[]> outputs = outputShapes();
        if (data.ys().size() != outputs.size()) {
            throw new IllegalArgumentException(describe() + " has " + outputs.size() + " outputs, but the data have "
                    + data.ys().size() + " label tensors");
        }
        for (int i = 0; i < outputs.size(); i++) {
            losses.get(i).validate(data.ys().get(i), batched(data.size(), outputs.get(i)));
        }
    }

    /**
     * Builds the model for a batch and checks that it fits, before a loop's first step.
     *
     * @param sample a batch shaped like the data
     */
    void prepareToTrain(Batch sample) {
        requireCompiled("fit");
        ensureBuilt(shapesOf(sample.xs()));
        if (sample.ys().size() != outputCount()) {
            throw new IllegalArgumentException(describe() + " has " + outputCount() + " outputs, but the data have "
                    + sample.ys().size() + " label tensors");
        }
    }

    // ---------------------------------------------------------------- the step's pieces

    /**
     * The compiled loss of a batch (Keras's {@code compute_loss}): the forward pass, each output's
     * loss on its labels, their (weighted) sum, plus the losses layers added while running and the
     * weights' regularization penalties. The batch's losses and metric values are added to
     * {@code logs}. With {@code training}, Dropout and the like are active, and calling
     * {@code backward()} on the result fills the gradients of the trainable weights: this is the
     * heart of every training step.
     *
     * @param batch the inputs and labels
     * @param training whether this is a training pass
     * @param logs where the batch's values go (see {@link #newLogs})
     * @return the batch's mean total loss, a scalar that remembers how it was computed
     * @throws IllegalStateException if the model is not compiled
     * @throws ShapeException naming the layer or loss and the shapes if the data do not fit
     */
    public Tensor computeLoss(Batch batch, boolean training, EpochLogs logs) {
        requireCompiled("computeLoss");
        List<Tensor> predictions;
        List<Tensor> added;
        try (LossScope scope = LossScope.open()) {
            predictions = forward(batch.xs(), training);
            added = scope.losses();
        }
        List<Tensor> ys = batch.ys();
        if (ys.size() != predictions.size()) {
            throw new IllegalArgumentException(describe() + " has " + predictions.size() + " outputs, but the batch has "
                    + ys.size() + " label tensors");
        }
        double[] perOutput = new double[predictions.size()];
        Tensor total = null;
        for (int i = 0; i < predictions.size(); i++) {
            Tensor loss = losses.get(i).compute(ys.get(i), predictions.get(i), batch.sampleWeight());
            if (loss.size() != 1) {
                // A loss with reduction "none" gives one value per example; training minimizes their mean, as Keras does.
                loss = loss.mean();
            }
            perOutput[i] = loss.item();
            Tensor weighted = lossWeights == null ? loss : loss.mul(lossWeights[i]);
            total = total == null ? weighted : total.add(weighted);
        }
        for (Tensor extra : added) {
            total = total.add(extra);
        }
        for (Tensor penalty : regularizationLosses()) {
            total = total.add(penalty);
        }
        logs.addLosses(total.item(), perOutput, batch.size());
        logs.updateMetrics(ys, predictions);
        return total;
    }

    /**
     * New, empty logs for this compiled model, with each compiled metric in the variant the labels
     * call for (e.g. {@code accuracy} as sparse categorical accuracy for class indices).
     *
     * @param sample a batch shaped like the data (only the label shapes are read)
     * @return logs to pass to {@link #computeLoss}
     */
    public EpochLogs newLogs(Batch sample) {
        requireCompiled("newLogs");
        ensureBuilt(shapesOf(sample.xs()));
        List<String> outputNames = graph().outputNames();
        List<int[]> outputShapes = outputShapes();
        List<String> keys = new ArrayList<>();
        List<Integer> outputOf = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        for (int out = 0; out < metricNames.size(); out++) {
            int[] yShape = Storage.shape(sample.ys().get(out));
            int[] predShape = batched(yShape.length > 0 ? yShape[0] : 1, outputShapes.get(out));
            for (String name : metricNames.get(out)) {
                Metric given = metricObjects.get(name);
                metrics.add(given != null ? Metrics.copyOf(given) : Metrics.get(name, yShape, predShape));
                keys.add(outputNames.size() > 1 ? outputNames.get(out) + "_" + name : name);
                outputOf.add(out);
            }
        }
        return new EpochLogs(outputNames, keys, outputOf, metrics);
    }

    /**
     * Runs the model on a batch of each input.
     *
     * @param xs one batch per input
     * @param training whether this is a training pass
     * @return one batch per output
     */
    List<Tensor> forward(List<Tensor> xs, boolean training) {
        ensureBuilt(shapesOf(xs));
        return graph().run(xs, training);
    }

    // ---------------------------------------------------------------- evaluate and predict

    /**
     * Computes the loss and the compiled metrics, in batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * @param x the inputs
     * @param y the labels
     * @return the loss and metrics over all examples
     */
    public Evaluation evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, DEFAULT_BATCH_SIZE);
    }

    /**
     * Computes the loss and the compiled metrics.
     *
     * @param x the inputs
     * @param y the labels
     * @param batchSize examples per forward pass
     * @return the loss and metrics over all examples
     */
    public Evaluation evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(List.of(x), List.of(y), batchSize);
    }

    /**
     * Computes the loss and the compiled metrics of a model with several inputs or outputs.
     *
     * @param xs the inputs, one per model input
     * @param ys the labels, one per model output
     * @param batchSize examples per forward pass
     * @return the loss and metrics over all examples
     */
    public Evaluation evaluate(List<Tensor> xs, List<Tensor> ys, int batchSize) {
        return evaluate(DataLoader.of(dataset("evaluate", xs, ys), positiveBatchSize(batchSize)));
    }

    /**
     * Computes the weighted loss and the compiled metrics, in batches of {@value #DEFAULT_BATCH_SIZE},
     * as Keras's {@code evaluate(x, y, sample_weight=...)}: the loss is {@code sum_i(w_i * loss_i) / n};
     * the metrics are not weighted. For example, {@code model.evaluate(xTest, yTest, weights)}
     * with weights of 2 for every example gives twice the unweighted loss.
     *
     * @param x the inputs
     * @param y the labels
     * @param sampleWeight one weight per example, {@code (n,)}, finite and not negative
     * @return the loss and metrics over all examples
     * @throws IllegalArgumentException if the weights have another number of rows, or a weight is negative or not finite
     */
    public Evaluation evaluate(Tensor x, Tensor y, Tensor sampleWeight) {
        return evaluate(List.of(x), List.of(y), sampleWeight, DEFAULT_BATCH_SIZE);
    }

    /**
     * Computes the weighted loss and the compiled metrics of a model with several inputs or
     * outputs; each output's loss is weighted by the same sample weights.
     *
     * @param xs the inputs, one per model input
     * @param ys the labels, one per model output
     * @param sampleWeight one weight per example, {@code (n,)}, finite and not negative
     * @param batchSize examples per forward pass
     * @return the loss and metrics over all examples
     * @throws IllegalArgumentException if the weights have another number of rows, or a weight is negative or not finite
     */
    public Evaluation evaluate(List<Tensor> xs, List<Tensor> ys, Tensor sampleWeight, int batchSize) {
        Dataset data = dataset("evaluate", xs, ys);
        if (sampleWeight == null) {
            throw new IllegalArgumentException("evaluate: sampleWeight must be given; use evaluate(x, y) without weights");
        }
        SampleWeights.check("evaluate", sampleWeight, data.size());
        return evaluate(DataLoader.of(data, positiveBatchSize(batchSize)).sampleWeight(sampleWeight));
    }

    /**
     * Computes the loss and the compiled metrics over a loader's batches.
     *
     * @param data the batches
     * @return the loss and metrics over all examples
     */
    public Evaluation evaluate(DataLoader data) {
        requireCompiled("evaluate");
        if (data.inMemory()) {
            checkLabels(data.dataset());
        }
        checkClassNames("evaluate", data.classNames());
        return new Evaluation(new Trainer(this, FitOptions.create().verbose(0)).evaluate(data));
    }

    /**
     * The names of the classes the model's output scores, learned from the first loader with class
     * names it was trained on (an image folder, a CSV with string labels) or set with
     * {@link #classNames(List)}; saved in {@code .lepton} files.
     *
     * <pre>{@code
     * Dataset pets = Dataset.of(x, y, List.of("cat", "dog", "fish"));   // e.g. from DataLoader.images
     * Sequential model = new Sequential(new Dense(3, "softmax").inputShape(4));
     * model.compile("adam", "categorical_crossentropy");
     * model.fit(DataLoader.of(pets, 16), 2);
     * model.classNames();                    // [cat, dog, fish]
     * model.predictClassNames(xNew);         // e.g. [dog, cat]
     * }</pre>
     *
     * @return the class names in index order; empty if the model has none
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Names the classes of the model's output, in index order.
     *
     * @param names one distinct, non-empty name per class
     * @return this model
     * @throws IllegalArgumentException if a name is missing, empty or repeated, or the model's
     *         output has a width that does not fit that many classes
     */
    public Model classNames(List<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.stream().anyMatch(String::isEmpty) || Set.copyOf(copy).size() != copy.size()) {
            throw new IllegalArgumentException(describe() + ": class names must be distinct and non-empty. Received: " + copy);
        }
        if (graph() != null && !copy.isEmpty()) {
            int width = classWidth("classNames");
            if (width != copy.size() && !(width == 1 && copy.size() == 2)) {
                throw new IllegalArgumentException(describe() + ": " + copy.size() + " class names " + copy + " do not fit an "
                        + "output of width " + width);
            }
        }
        classNames = copy;
        return this;
    }

    /**
     * The most likely class of each example: the arg-max of the output scores, or, for a single
     * output unit (binary classification), 1 where the output is above 0.5.
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @return the class indices, one per example
     * @throws IllegalStateException if the model has several inputs or outputs, or its output is not
     *         {@code (n, classes)}
     */
    public int[] predictClasses(Tensor x) {
        int width = classWidth("predictClasses");
        double[] scores = predict(x).toArray();
        int n = width == 0 ? 0 : scores.length / width;
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            if (width == 1) {
                classes[i] = scores[i] > 0.5 ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (scores[i * width + c] > scores[i * width + best]) {
                    best = c;
                }
            }
            classes[i] = best;
        }
        return classes;
    }

    /**
     * The name of the most likely class of each example (see {@link #predictClasses}).
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @return the class names, one per example
     * @throws IllegalStateException if the model has no class names
     */
    public List<String> predictClassNames(Tensor x) {
        if (classNames.isEmpty()) {
            throw new IllegalStateException(describe() + ": predictClassNames needs class names: train on a loader that has "
                    + "them (an image folder, a CSV with string labels) or set them with classNames(List)");
        }
        return Arrays.stream(predictClasses(x)).mapToObj(classNames::get).toList();
    }

    /** The width of the model's single {@code (n, classes)} output. */
    private int classWidth(String operation) {
        List<int[]> shapes = outputShapes();
        if (shapes.size() != 1 || shapes.get(0).length != 1) {
            throw new IllegalStateException(describe() + ": " + operation + " needs one output of shape (None, classes). "
                    + "Received: " + shapes.stream().map(Shapes::formatBatched).toList());
        }
        return shapes.get(0)[0];
    }

    /**
     * Checks a loader's class names against the model's: training on classes in another order
     * would silently relabel them.
     *
     * @return the loader's class names
     */
    private List<String> checkClassNames(String operation, List<String> names) {
        if (!names.isEmpty() && !classNames.isEmpty() && !names.equals(classNames)) {
            throw new IllegalArgumentException(operation + ": the data's classes " + names + " are not the model's "
                    + classNames + "; pass the model's class names when loading the data (e.g. "
                    + "ImageOptions.classNames, CsvOptions.classNames) so that each class keeps its index");
        }
        return names;
    }

    /**
     * Runs the model on inputs, in batches of {@value #DEFAULT_BATCH_SIZE}, without recording gradients.
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @return the outputs, {@code (n, ...outputShape)}
     * @throws IllegalStateException if the model has several inputs or outputs (use {@link #predict(List)})
     */
    public Tensor predict(Tensor x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    /**
     * Runs the model on inputs in batches, without recording gradients; thread-safe on a model
     * that is not training.
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @param batchSize examples per forward pass
     * @return the outputs, {@code (n, ...outputShape)}
     */
    public Tensor predict(Tensor x, int batchSize) {
        return single(predict(List.of(x), batchSize), "predict");
    }

    /**
     * Runs a model with several inputs or outputs, in batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * @param xs one tensor per input
     * @return one tensor per output
     */
    public List<Tensor> predict(List<Tensor> xs) {
        return predict(xs, DEFAULT_BATCH_SIZE);
    }

    /**
     * Runs a model with several inputs or outputs in batches.
     *
     * @param xs one tensor per input
     * @param batchSize examples per forward pass
     * @return one tensor per output
     */
    public List<Tensor> predict(List<Tensor> xs, int batchSize) {
        Dataset data = dataset("predict", xs, List.of());
        return predict(DataLoader.of(data, positiveBatchSize(batchSize)).epoch(0), data.size());
    }

    /**
     * Runs the model on every batch of a loader, in the loader's order, without recording gradients.
     *
     * @param data the batches (their labels are ignored)
     * @return the outputs of all batches, stacked, {@code (examples, ...outputShape)}
     */
    public Tensor predict(DataLoader data) {
        return single(predict(data.epoch(0), data.size()), "predict");
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private List<Tensor> predict(java.util.Iterator<Batch> batches, int n) {
        List<double[]> outs = null;
        List<int[]> shapes = null;
        int row = 0;
        try (NoGrad g = NoGrad.enter()) {
            while (batches.hasNext()) {
                Batch b = batches.next();
                List<Tensor> ys = forward(b.xs(), false);
                if (outs == null) {
                    outs = new ArrayList<>();
                    shapes = outputShapes();
                    for (int[] s : shapes) {
                        outs.add(new double[Math.multiplyExact(n, Shapes.size(s))]);
                    }
                }
                for (int i = 0; i < ys.size(); i++) {
                    int size = Shapes.size(shapes.get(i));
                    System.arraycopy(Storage.data(ys.get(i)), 0, outs.get(i), row * size, b.size() * size);
                }
                row += b.size();
            }
        }
        if (outs == null) {
            throw new IllegalArgumentException("predict: there are no examples");
        }
        List<Tensor> result = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            result.add(Storage.wrap(outs.get(i), batched(n, shapes.get(i))));
        }
        return result;
    }

    private Tensor single(List<Tensor> outputs, String what) {
        if (outputs.size() != 1) {
            throw new IllegalStateException(what + ": " + describe() + " has " + outputs.size()
                    + " outputs; use the List form, which returns one tensor per output");
        }
        return outputs.get(0);
    }

    // ---------------------------------------------------------------- weights

    @Override
    public List<Variable> variables() {
        buildIfKnown();
        List<Variable> all = new ArrayList<>();
        ownLayers().forEach(l -> all.addAll(l.variables()));
        return all;
    }

    @Override
    public Map<String, Variable> variablesByPath() {
        buildIfKnown();
        Map<String, Variable> all = new LinkedHashMap<>();
        for (Layer l : ownLayers()) {
            l.variablesByPath().forEach((path, v) -> all.put(l.name() + "/" + path, v));
        }
        return all;
    }

    @Override
    public Map<String, Weights.Spec> variableSpecs(List<int[]> inputShapes) {
        checkInputShapes(inputShapes);
        Map<Layer, Map<String, Weights.Spec>> byLayer = new IdentityHashMap<>();
        for (Node n : graph().nodes()) {
            if (!byLayer.containsKey(n.layer())) {
                byLayer.put(n.layer(), n.layer().variableSpecs(n.inputs().stream().map(SymbolicTensor::shape).toList()));
            }
        }
        Map<String, Weights.Spec> all = new LinkedHashMap<>();
        for (Layer l : ownLayers()) {
            byLayer.get(l).forEach((path, spec) -> all.put(l.name() + "/" + path, spec));
        }
        return all;
    }

    /**
     * @return copies of every layer's weights, layer by layer in {@link #layers()} order
     * @throws IllegalStateException if the input shape is not known yet
     */
    @Override
    public List<Tensor> getWeights() {
        requireBuilt("getWeights");
        List<Tensor> all = new ArrayList<>();
        ownLayers().forEach(l -> all.addAll(l.getWeights()));
        return all;
    }

    /**
     * Replaces every layer's weights, in {@link #getWeights()}'s order.
     *
     * @param values one tensor per weight (copied in)
     * @throws ShapeException naming the layer and weight if the count or a shape differs; nothing changes then
     */
    @Override
    public void setWeights(List<Tensor> values) {
        requireBuilt("setWeights");
        int expected = 0;
        for (Layer l : ownLayers()) {
            expected += l.weightNames().size();
        }
        if (values.size() != expected) {
            throw new ShapeException("setWeights: " + describe() + " has " + expected + " weights, received " + values.size());
        }
        int at = 0;
        for (Layer l : ownLayers()) {
            List<Tensor> mine = values.subList(at, at + l.weightNames().size());
            List<Tensor> current = l.getWeights();
            for (int i = 0; i < mine.size(); i++) {
                if (!Arrays.equals(current.get(i).shape(), mine.get(i).shape())) {
                    throw new ShapeException("setWeights: " + l.describe() + " weight '" + l.weightNames().get(i)
                            + "' has shape " + Shapes.format(current.get(i).shape()) + ", received "
                            + Shapes.format(mine.get(i).shape()));
                }
            }
            at += mine.size();
        }
        at = 0;
        for (Layer l : ownLayers()) {
            int k = l.weightNames().size();
            l.setWeights(values.subList(at, at + k));
            at += k;
        }
    }

    @Override
    public List<String> weightNames() {
        List<String> all = new ArrayList<>();
        for (Layer l : ownLayers()) {
            l.weightNames().forEach(w -> all.add(l.name() + "/" + w));
        }
        return all;
    }

    /** @return the live weights the optimizer updates, in order: those of the layers that are trainable */
    @Override
    public List<Tensor> trainableWeights() {
        buildIfKnown();
        List<Tensor> all = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : ownLayers()) {
            for (Tensor w : l.trainableWeights()) {
                if (seen.add(w)) {
                    all.add(w);
                }
            }
        }
        return all;
    }

    @Override
    public List<Tensor> regularizationLosses() {
        List<Tensor> all = new ArrayList<>();
        ownLayers().forEach(l -> all.addAll(l.regularizationLosses()));
        return all;
    }

    @Override
    public void applyConstraints() {
        ownLayers().forEach(Layer::applyConstraints);
    }

    @Override
    public List<Tensor> nonTrainableWeights() {
        buildIfKnown();
        List<Tensor> all = new ArrayList<>();
        ownLayers().forEach(l -> all.addAll(l.nonTrainableWeights()));
        return all;
    }

    /**
     * @return the number of weight values in all layers
     * @throws IllegalStateException if the input shape is not known yet
     */
    @Override
    public int countParams() {
        requireBuilt("countParams");
        int n = 0;
        for (Layer l : ownLayers()) {
            n = Math.addExact(n, l.countParams());
        }
        return n;
    }

    // ---------------------------------------------------------------- the model as a layer

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        checkInputShapes(inputShapes);
        return graph().outputs().stream().map(SymbolicTensor::shape).toList();
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return graph().run(inputs, training);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return single(call(List.of(x), training), "call");
    }

    /**
     * Builds every layer for the model's input shapes. Layer {@code i}'s weights come from the
     * {@code i}-th draw of the model's seed (or of {@code seed}, when this model is built as a
     * layer of another and was given no seed of its own); layers built before keep their weights.
     *
     * @param inputShapes the per-example input shapes, which must be the model's
     * @param outerSeed the seed offered by an enclosing model
     * @throws ShapeException if the shapes are not the model's input shapes
     */
    @Override
    public synchronized void build(List<int[]> inputShapes, long outerSeed) {
        if (built) {
            checkInputShapes(inputShapes);
            return;
        }
        if (!seedSet) {
            seed = outerSeed;
        }
        buildLayers(inputShapes);
    }

    private void buildLayers(List<int[]> inputShapes) {
        checkInputShapes(inputShapes);
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Layer> own = ownLayers();
        List<Long> layerSeeds = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            layerSeeds.add(seeds.nextLong());
        }
        Map<Layer, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < own.size(); i++) {
            index.put(own.get(i), i);
        }
        for (Node n : graph().nodes()) {
            List<int[]> in = n.inputs().stream().map(SymbolicTensor::shape).toList();
            n.layer().build(in, layerSeeds.get(index.get(n.layer())));
        }
        super.build(inputShapes, seed);
        built = true;
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    /**
     * Makes the weights if needed and checks that inputs of the given shapes fit the model.
     *
     * @param xShapes the inputs' shapes, batch included, one per input
     * @throws ShapeException naming the input and both shapes
     */
    synchronized void ensureBuilt(List<int[]> xShapes) {
        List<int[]> perExample = new ArrayList<>();
        for (int[] s : xShapes) {
            if (s.length < 1) {
                throw new ShapeException(describe() + ": expected a batch of inputs, received a scalar of shape ()");
            }
            perExample.add(Arrays.copyOfRange(s, 1, s.length));
        }
        if (graph() == null) {
            initialize(perExample);
        }
        checkInputShapes(perExample, xShapes);
        if (!built) {
            buildLayers(perExample);
        }
    }

    /**
     * Makes the graph once the input shapes are known; only a Sequential needs to.
     *
     * @param inputShapes the per-example input shapes
     */
    void initialize(List<int[]> inputShapes) {
        throw new IllegalStateException(describe() + " has no graph");
    }

    private void checkInputShapes(List<int[]> perExample) {
        checkInputShapes(perExample, null);
    }

    private void checkInputShapes(List<int[]> perExample, List<int[]> received) {
        List<SymbolicTensor> inputs = graph().inputs();
        if (perExample.size() != inputs.size()) {
            throw new IllegalArgumentException(describe() + " has " + inputs.size() + " inputs, received " + perExample.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!Arrays.equals(inputs.get(i).shape(), perExample.get(i))) {
                Layer first = inputs.size() == 1 && this instanceof Sequential s && !s.layers().isEmpty()
                        ? s.layers().get(0) : inputs.get(i).node().layer();
                throw new ShapeException(first.describe() + ": expected input shape "
                        + Shapes.formatBatched(inputs.get(i).shape()) + ", received "
                        + (received == null ? Shapes.formatBatched(perExample.get(i)) : Shapes.format(received.get(i))));
            }
        }
    }

    /** @return the per-example shape of each output */
    @Override
    public List<int[]> outputShapes() {
        return graph().outputs().stream().map(SymbolicTensor::shape).toList();
    }

    @Override
    public int[] outputShape() {
        List<int[]> shapes = outputShapes();
        if (shapes.size() != 1) {
            throw new IllegalStateException(describe() + " has " + shapes.size() + " outputs; use outputShapes()");
        }
        return shapes.get(0);
    }

    /** @return the per-example shape of each input */
    public List<int[]> inputShapes() {
        return graph() == null ? List.of() : graph().inputs().stream().map(SymbolicTensor::shape).toList();
    }

    // ---------------------------------------------------------------- summary, config, files

    /**
     * Keras 3's summary table: each layer's name and type, output shape and parameter count (and,
     * for a functional model, the layers each is connected to), then the totals, trainable and
     * non-trainable (sizes for 8-byte doubles).
     *
     * @return the table, lines ending in {@code \n}
     * @throws IllegalStateException if the input shape is not known yet
     */
    public String summary() {
        requireBuilt("summary");
        return Summary.of(this);
    }

    /**
     * The model's architecture, as Keras's {@code get_config()}: its name, seed and layers with the
     * calls between them ({@code inbound_nodes}, {@code input_layers}, {@code output_layers}).
     *
     * @return a new config
     */
    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("seed", seed);
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        Map<Layer, List<Node>> calls = new LinkedHashMap<>();
        for (SymbolicTensor t : graph().inputs()) {
            calls.computeIfAbsent(t.node().layer(), k -> new ArrayList<>()).add(t.node());
            nodeIndex.put(t.node(), 0);
        }
        for (Node n : graph().nodes()) {
            calls.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n);
            nodeIndex.put(n, graph().nodeIndex(n));
        }
        List<Config> layerConfigs = new ArrayList<>();
        for (Layer l : graph().layers()) {
            List<Object> inbound = new ArrayList<>();
            for (Node n : calls.get(l)) {
                List<Object> args = new ArrayList<>();
                for (SymbolicTensor t : n.inputs()) {
                    args.add(history(t, nodeIndex));
                }
                if (!args.isEmpty()) {
                    inbound.add(args);
                }
            }
            layerConfigs.add(Config.of(l.name()).put("class_name", Layers.nameOf(l)).put("config", l.getConfig())
                    .put("name", l.name()).put("inbound_nodes", inbound));
        }
        config.put("layers", layerConfigs);
        config.put("input_layers", graph().inputs().stream().map(t -> history(t, nodeIndex)).toList());
        config.put("output_layers", graph().outputs().stream().map(t -> history(t, nodeIndex)).toList());
        return config;
    }

    /** Keras's {@code keras_history}: the producing layer's name, node index and tensor index. */
    private static List<Object> history(SymbolicTensor t, Map<Node, Integer> nodeIndex) {
        return List.of(t.node().layer().name(), nodeIndex.get(t.node()), t.index());
    }

    /**
     * Rebuilds a functional model from {@link #getConfig()}: its layers through their registered
     * factories, then every call in an order that has each call's inputs ready.
     *
     * @param config the saved architecture
     * @return a new, unbuilt model
     * @throws ConfigException if a layer or a call cannot be rebuilt
     */
    public static Model fromConfig(Config config) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<Object>>> inbound = new LinkedHashMap<>();
        Map<String, SymbolicTensor> tensors = new LinkedHashMap<>();
        for (Config entry : config.getConfigs("layers")) {
            String className = entry.getString("class_name");
            Layer layer = Layers.fromConfig(className, entry.getConfig("config"));
            String name = entry.getString("name", layer.name());
            if (layers.put(name, layer) != null) {
                throw new ConfigException(config.owner() + ": two layers are named '" + name + "'");
            }
            List<List<Object>> calls = new ArrayList<>();
            Object nodes = entry.get("inbound_nodes");
            if (nodes instanceof List<?> list) {
                for (Object call : list) {
                    calls.add(asList(call, config));
                }
            }
            inbound.put(name, calls);
            if (layer instanceof InputLayer input) {
                tensors.put(name + "/0/0", SymbolicTensor.input(input));
            }
        }
        Map<String, Integer> done = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<List<Object>>> e : inbound.entrySet()) {
                String name = e.getKey();
                int next = done.getOrDefault(name, 0);
                if (next >= e.getValue().size()) {
                    continue;
                }
                List<SymbolicTensor> args = new ArrayList<>();
                for (Object ref : e.getValue().get(next)) {
                    SymbolicTensor t = tensors.get(key(asList(ref, config), config));
                    if (t == null) {
                        args = null;
                        break;
                    }
                    args.add(t);
                }
                if (args == null) {
                    continue;
                }
                List<SymbolicTensor> outs = layers.get(name).applyAll(args.toArray(SymbolicTensor[]::new));
                for (int k = 0; k < outs.size(); k++) {
                    tensors.put(name + "/" + next + "/" + k, outs.get(k));
                }
                done.put(name, next + 1);
                progress = true;
            }
        }
        for (Map.Entry<String, List<List<Object>>> e : inbound.entrySet()) {
            if (done.getOrDefault(e.getKey(), 0) < e.getValue().size()) {
                throw new ConfigException(config.owner() + ": the calls of layer '" + e.getKey()
                        + "' refer to tensors no layer produces");
            }
        }
        List<SymbolicTensor> inputs = resolve(config, "input_layers", tensors);
        List<SymbolicTensor> outputs = resolve(config, "output_layers", tensors);
        Model model = new Model(inputs, outputs);
        if (config.has("seed")) {
            model.seed(config.getLong("seed"));
        }
        return model;
    }

    private static List<SymbolicTensor> resolve(Config config, String key, Map<String, SymbolicTensor> tensors) {
        List<SymbolicTensor> out = new ArrayList<>();
        for (Object ref : asList(config.get(key), config)) {
            SymbolicTensor t = tensors.get(key(asList(ref, config), config));
            if (t == null) {
                throw new ConfigException(config.owner() + ": " + key + " names " + ref + ", which no layer produces");
            }
            out.add(t);
        }
        return out;
    }

    private static String key(List<Object> ref, Config config) {
        if (ref.size() != 3 || !(ref.get(0) instanceof String) || !(ref.get(1) instanceof Number)
                || !(ref.get(2) instanceof Number)) {
            throw new ConfigException(config.owner() + ": a tensor reference must be [layer name, node index, tensor index]. "
                    + "Received: " + ref);
        }
        return ref.get(0) + "/" + ((Number) ref.get(1)).intValue() + "/" + ((Number) ref.get(2)).intValue();
    }

    @SuppressWarnings("unchecked") // a config's lists hold plain values; the element type is checked where used
    private static List<Object> asList(Object value, Config config) {
        if (!(value instanceof List<?>)) {
            throw new ConfigException(config.owner() + ": expected a list. Received: " + value);
        }
        return (List<Object>) value;
    }

    /**
     * Saves the model to one file, in the format its name chooses:
     * <ul>
     * <li>{@code .lepton}, Lepton's own file: the architecture, the seed, every variable (weights and
     * state such as Dropout's mask count), the compile settings and the optimizer's state, so that
     * the loaded model predicts bit-identically and goes on training exactly as this one would (the
     * layout is documented in {@code docs/model-format.md});</li>
     * <li>{@code .keras}, Keras 3's zip ({@code config.json}, {@code metadata.json},
     * {@code model.weights.h5}), which Keras loads with {@code keras.models.load_model}: weights are
     * written as float32, as Keras keeps them;</li>
     * <li>{@code .h5}, the HDF5 model file Keras writes for that name (without optimizer state).</li>
     * </ul>
     * The file is written atomically: a failure part-way never leaves a broken file nor destroys
     * the previous one, and a model whose file could not be loaded back is refused before anything
     * is written. A new file gets the usual permissions, a file saved over keeps its own, and a
     * symbolic link is followed. {@code save} may be called from another thread while {@link #fit}
     * runs: it waits for the current step to end, so the file holds the weights and step count of
     * one step.
     *
     * <pre>{@code
     * model.fit(x, y, 5, 32);
     * model.save(Path.of("digits.lepton"));
     * model.save(Path.of("digits.keras"));              // for Keras 3
     * Model again = Model.load(Path.of("digits.lepton"));
     * }</pre>
     *
     * @param path the file to write, ending in {@code .lepton}, {@code .keras} or {@code .h5}; its folder must exist
     * @throws IllegalArgumentException if the name has another extension or names a folder, a layer,
     *         loss, metric or optimizer class is not registered, or the file could not be loaded back
     * @throws IllegalStateException for a Keras file, if the input shape is not known yet (a Keras file holds the weights)
     * @throws java.io.UncheckedIOException if the file cannot be written; any previous file is then intact
     */
    public synchronized void save(Path path) {
        boolean keras = SavedModel.isKeras(path, "save");
        if (graph() != null) {
            ensureBuilt(inputShapes().stream().map(s -> batched(1, s)).toList());
        }
        if (keras) {
            KerasFiles.save(this, path);
        } else {
            SavedModel.save(this, path);
        }
    }

    /**
     * Loads a model from a file, in the format its name says. A {@code .lepton} file saved by
     * {@link #save} gives the same layers, weights, seed and compile settings, and the optimizer with
     * its slots and iteration count, ready to predict or to go on training (with
     * {@link FitOptions#initialEpoch} to resume a run: each epoch's shuffling depends only on the seed
     * and the epoch, so the resumed run repeats the uninterrupted one bit for bit). A Keras 3
     * {@code .keras} file or a Keras 2/3 {@code .h5} model file gives the model Keras saved, its
     * float32 weights as doubles, compiled when Lepton has its optimizer and loss (Adam's and the
     * other optimizers' state is restored from {@code .keras} files); what Lepton lacks is logged
     * as a warning and listed by {@link #loadWarnings()}. A file holding a Sequential model gives a
     * {@link Sequential}.
     *
     * <p>Loading is safe on files from anywhere: it never deserializes Java objects or loads a
     * class named in the file (layers, losses, metrics and optimizers come from registries),
     * checks every size before using memory, and throws only {@link ai.lepton.io.ModelFormatException}
     * for bad content, naming the file, the layer and the reason (a layer class Lepton lacks, a
     * custom class no one registered, {@code channels_first}, a missing weight, a shape mismatch).
     *
     * <pre>{@code
     * Model model = Model.load(Path.of("digits.lepton"));
     * Model fromKeras = Model.load(Path.of("classifier.keras"));
     * Tensor probabilities = fromKeras.predict(images);
     * }</pre>
     *
     * @param path the file, ending in {@code .lepton}, {@code .keras} or {@code .h5}
     * @return the model
     * @throws ai.lepton.io.ModelFormatException if the file is not a valid model file (or its name has another
     *         extension), naming the file and what is wrong
     * @throws java.io.UncheckedIOException if the file cannot be read at all (e.g. it does not exist)
     */
    public static Model load(Path path) {
        return SavedModel.isKeras(path, "load") ? KerasFiles.load(path) : SavedModel.load(path);
    }

    /**
     * Saves the weights, and the optimizer's state when the model is compiled, as Keras 3's
     * {@code model.save_weights}: a {@code .weights.h5} file in Keras's layout, float32, which
     * Keras's {@code load_weights} reads into a model of the same architecture.
     *
     * <pre>{@code
     * model.saveWeights(Path.of("classifier.weights.h5"));
     * }</pre>
     *
     * @param path the file, ending in {@code .weights.h5}; its folder must exist
     * @throws IllegalArgumentException if the name does not end in {@code .weights.h5}
     * @throws IllegalStateException if the input shape is not known yet
     * @throws java.io.UncheckedIOException if the file cannot be written; any previous file is then intact
     */
    public synchronized void saveWeights(Path path) {
        KerasFiles.saveWeights(this, path);
    }

    /**
     * Loads weights saved by Keras's {@code save_weights} (or {@link #saveWeights}) into this model,
     * which must have the architecture they were saved from: a {@code .weights.h5} file in Keras 3's
     * layout, or a Keras 2 {@code .h5} weights file. Every weight is checked against the shape its
     * layer makes before any is changed. When the model is compiled and the file holds the
     * optimizer's state in a layout Lepton maps, that is restored too.
     *
     * <pre>{@code
     * Sequential model = new Sequential(new Dense(4, "relu").inputShape(8), new Dense(3, "softmax"));
     * model.loadWeights(Path.of("classifier.weights.h5"));
     * }</pre>
     *
     * @param path the file
     * @throws IllegalStateException if the input shape is not known yet
     * @throws ai.lepton.io.ModelFormatException if the file does not hold this model's weights, naming the layer and weight
     * @throws java.io.UncheckedIOException if the file cannot be read at all
     */
    public synchronized void loadWeights(Path path) {
        KerasFiles.loadWeights(this, path);
    }

    /**
     * What loading this model from a Keras file left out, one sentence each: compile settings or
     * metrics Lepton lacks, an optimizer state whose layout it does not map, ignored dtype policies
     * or call arguments. Empty for a model that was not loaded from a Keras file, or lost nothing.
     *
     * @return the notes (the list cannot be changed)
     */
    public List<String> loadWarnings() {
        return loadWarnings;
    }

    /** @param notes what loading left out */
    void loadWarnings(List<String> notes) {
        loadWarnings = List.copyOf(notes);
    }

    // ---------------------------------------------------------------- training state

    /**
     * Sets the compile state of a loaded model without checks beyond compile's.
     *
     * @param opt the optimizer
     * @param lossList one loss per output
     * @param metrics one list of metric names per output
     * @param objects the metric objects among them, by name
     */
    void restoreCompile(Optimizer opt, List<Loss> lossList, List<List<String>> metrics, Map<String, Metric> objects) {
        compile(opt, lossList, metrics.stream().map(names -> names.stream().filter(n -> !objects.containsKey(n)).toList())
                .toList());
        metricNames = metrics.stream().map(List::copyOf).toList();
        metricObjects = Map.copyOf(objects);
    }

    /**
     * Asks a running {@link #fit} to stop after the current batch (Keras's
     * {@code model.stop_training = True}); callbacks use it.
     *
     * @param stop whether to stop
     */
    public void stopTraining(boolean stop) {
        stopTraining = stop;
    }

    /** @return whether training was asked to stop */
    public boolean stopTraining() {
        return stopTraining;
    }

    /**
     * Where the running {@code fit} is: the next step and the epoch's running sums, for a callback
     * that backs training up ({@code BackupAndRestore}).
     *
     * @return the state, or {@code null} when the model is not training
     */
    public synchronized TrainingState trainingState() {
        return progressEpoch < 0 ? null
                : new TrainingState(progressEpoch, progressStep, progressLogs == null ? null : progressLogs.state());
    }

    /**
     * Records the loop's position, for {@link #trainingState()}.
     *
     * @param epoch the epoch of the next step, or -1 when training ends
     * @param step the next step
     * @param logs the epoch's running values, or {@code null} at an epoch boundary
     */
    synchronized void progress(int epoch, int step, EpochLogs logs) {
        progressEpoch = epoch;
        progressStep = step;
        progressLogs = logs;
    }

    private void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException(what + ": " + describe() + " is not compiled; call compile(optimizer, loss, metrics...) first");
        }
    }

    /** Makes the weights when the input shapes are known, so that a model's weights exist as soon as they can. */
    private void buildIfKnown() {
        if (graph() != null && !built) {
            ensureBuilt(inputShapes().stream().map(s -> batched(1, s)).toList());
        }
    }

    /**
     * Makes the weights from the known input shape, or explains that it is not known yet.
     *
     * @param what the operation, for the message
     */
    void requireBuilt(String what) {
        if (graph() == null) {
            throw new IllegalStateException(what + ": " + describe() + " does not know its input shape yet; "
                    + "declare it on the first layer with inputShape(...) or call fit or predict first");
        }
        ensureBuilt(inputShapes().stream().map(s -> batched(1, s)).toList());
    }

    private Dataset dataset(String what, List<Tensor> xs, List<Tensor> ys) {
        if (xs == null || ys == null || xs.isEmpty() || xs.stream().anyMatch(Objects::isNull)
                || ys.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(what + ": inputs and labels must be given. Received: x=" + xs + ", y=" + ys);
        }
        int n = -1;
        for (Tensor t : xs) {
            n = checkCount(what, t, n, xs, ys);
        }
        for (Tensor t : ys) {
            n = checkCount(what, t, n, xs, ys);
        }
        return Dataset.of(xs, ys);
    }

    private static int checkCount(String what, Tensor t, int n, List<Tensor> xs, List<Tensor> ys) {
        int[] s = Storage.shape(t);
        if (s.length < 1 || (n >= 0 && s[0] != n)) {
            String shapes = xs.size() == 1 && ys.size() == 1
                    ? "x " + Shapes.format(Storage.shape(xs.get(0))) + " and y " + Shapes.format(Storage.shape(ys.get(0)))
                    : "x " + xs.stream().map(v -> Shapes.format(Storage.shape(v))).toList() + " and y "
                            + ys.stream().map(v -> Shapes.format(Storage.shape(v))).toList();
            throw new ShapeException(what + ": " + shapes + " must hold the same number of examples along their first axis");
        }
        return s[0];
    }

    private static List<int[]> shapesOf(List<Tensor> xs) {
        return xs.stream().map(Storage::shape).toList();
    }

    private static int positiveBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1. Received: batchSize=" + batchSize);
        }
        return batchSize;
    }

    /**
     * @param n the batch dimension
     * @param perExample the per-example dimensions
     * @return {@code (n, ...perExample)}
     */
    static int[] batched(int n, int[] perExample) {
        int[] out = new int[perExample.length + 1];
        out[0] = n;
        System.arraycopy(perExample, 0, out, 1, perExample.length);
        return out;
    }

    /** @return e.g. {@code Sequential 'sequential'} or {@code Model 'functional'}, for messages */
    @Override
    public String describe() {
        return getClass().getSimpleName() + " '" + name() + "'";
    }

    /** @return e.g. {@code Model(name=functional, inputs=[(None, 784)], outputs=[(None, 10)], layers=3)} */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name() + ", inputs="
                + inputShapes().stream().map(Shapes::formatBatched).toList() + ", outputs="
                + (graph() == null ? "[]" : outputShapes().stream().map(Shapes::formatBatched).toList()) + ", layers="
                + ownLayers().size() + (isCompiled() ? ", compiled" : "") + ")";
    }
}
