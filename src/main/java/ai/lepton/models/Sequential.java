package ai.lepton.models;

import ai.lepton.autograd.NoGrad;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.io.ModelFile;
import ai.lepton.io.ModelFormatException;
import ai.lepton.layers.Activations;
import ai.lepton.layers.Layer;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A plain stack of layers, each feeding the next, as Keras's {@code keras.Sequential}: build it,
 * {@link #compile} it with an optimizer, a loss and metrics, then {@link #fit},
 * {@link #evaluate} and {@link #predict}.
 *
 * <p>The model knows its input shape once the first layer declares one
 * ({@link Layer#inputShape(int...)}), or else from the first data it is given. Its weights are
 * made from that shape the first time they are needed ({@link #summary()}, {@link #getWeights()},
 * training or inference), from the model's {@link #seed(long) seed}: the same seed gives the
 * same weights and, with the same data, the same training result. The default seed is
 * {@link #DEFAULT_SEED}, so a program gives the same result on every run unless it picks
 * another seed (Keras is random by default; Lepton is reproducible by default).
 *
 * <p>Threads: the kernels use {@link ai.lepton.kernels.Parallel#threads()} threads, all cores
 * by default, set with the system property {@code -Dlepton.threads=N} or with
 * {@link ai.lepton.kernels.Parallel#setThreads(int)}. Work is cut into the same fixed pieces
 * whatever the count, and sums happen in a fixed order, so the thread count changes the speed
 * and never a bit of the weights or the predictions. {@link #predict} may be called from many
 * threads at once on a model that is not training. {@link #save} and {@link #load} keep a model
 * bit for bit, optimizer state included, so training can resume from a file
 * ({@link FitOptions#initialEpoch}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(4),
 *         new Dense(3, "softmax"));
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * History history = model.fit(x, y, 50, 16);
 * Evaluation test = model.evaluate(xTest, yTest);
 * Tensor probabilities = model.predict(xNew);
 * System.out.println(model.summary());
 * }</pre>
 */
public final class Sequential {
    /** The seed used unless {@link #seed(long)} picks another. */
    public static final long DEFAULT_SEED = 0L;
    /** The batch size of {@link #predict(Tensor)} and {@link #evaluate(Tensor, Tensor)}, Keras's 32. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final List<Layer> layers = new ArrayList<>();
    private String name = "sequential";
    private long seed = DEFAULT_SEED;
    private int[] inputShape;
    private boolean built;
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private volatile boolean stopTraining;

    /** An empty model; {@link #add} layers to it. */
    public Sequential() {
    }

    /**
     * A model of the given layers, in order.
     *
     * @param stack the layers; the first may declare an {@link Layer#inputShape(int...) input shape}
     */
    public Sequential(Layer... stack) {
        for (Layer layer : stack) {
            add(layer);
        }
    }

    /**
     * Appends a layer, naming it as Keras does when it has no name ({@code dense}, {@code dense_1},
     * ...). If the model's input shape is known, the layer's input is checked at once.
     *
     * @param layer the layer
     * @return this model
     * @throws IllegalArgumentException if the layer is already in the model or its name is taken
     * @throws ShapeException naming the layer if it cannot take the previous layer's output
     */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: the layer must not be null");
        }
        for (Layer l : layers) {
            if (l == layer) {
                throw new IllegalArgumentException("Sequential.add: " + layer.describe() + " is already in the model");
            }
        }
        Set<String> taken = new HashSet<>();
        layers.forEach(l -> taken.add(l.name()));
        if (layer.name() == null) {
            String base = layer.baseName();
            String candidate = base;
            for (int i = 1; taken.contains(candidate); i++) {
                candidate = base + "_" + i;
            }
            layer.name(candidate);
        } else if (taken.contains(layer.name())) {
            throw new IllegalArgumentException("Sequential.add: the model already has a layer named '" + layer.name()
                    + "'; layer names must be unique. Received: " + layer.describe());
        }
        if (layers.isEmpty() && layer.declaredInputShape() != null) {
            inputShape = layer.declaredInputShape();
        }
        if (inputShape != null) {
            int[] in = layers.isEmpty() ? inputShape : outputShapeOf(layers.size() - 1);
            layer.computeOutputShape(in);
            if (built) {
                layer.build(in, layerSeed(layers.size()));
            }
        }
        layers.add(layer);
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
    public Sequential seed(long value) {
        if (built) {
            throw new IllegalStateException("Sequential '" + name + "': seed(" + value + ") must be set before the weights "
                    + "are made (before summary(), getWeights(), fit or predict)");
        }
        seed = value;
        return this;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param modelName the model's name, shown by {@link #summary()} (default {@code "sequential"})
     * @return this model
     */
    public Sequential name(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("Sequential: a name must not be blank. Received: name=" + modelName);
        }
        name = modelName;
        return this;
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the layers, in order (the list cannot be changed; use {@link #add}) */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Configures training.
     *
     * @param opt the optimizer, e.g. {@code new Adam(1e-3)}
     * @param lossName a loss name from {@link Losses#NAMES}
     * @param metrics metric names, e.g. {@code "accuracy"} (see {@link ai.lepton.metrics.Metrics})
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
     * Configures training with a loss object.
     *
     * @param opt the optimizer
     * @param lossFunction the loss
     * @param metrics metric names, e.g. {@code "accuracy"}
     */
    public void compile(Optimizer opt, Loss lossFunction, String... metrics) {
        if (opt == null || lossFunction == null) {
            throw new IllegalArgumentException("compile: the optimizer and the loss must be given. Received: optimizer="
                    + opt + ", loss=" + lossFunction);
        }
        optimizer = opt;
        loss = lossFunction;
        metricNames = List.of(metrics);
    }

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
        checkSameCount("fit", x, y);
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor valX = options.validationX();
        Tensor valY = options.validationY();
        if (valX == null && options.validationLoader() == null && options.validationSplit() > 0) {
            int n = x.shape()[0];
            int splitAt = (int) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("fit: " + n + " examples are too few to hold out validationSplit="
                        + options.validationSplit() + " of them; give more data or another fraction");
            }
            trainX = TensorBatches.rows(x, 0, splitAt);
            trainY = TensorBatches.rows(y, 0, splitAt);
            valX = TensorBatches.rows(x, splitAt, n);
            valY = TensorBatches.rows(y, splitAt, n);
        }
        BatchSource train = new TensorBatches(trainX, trainY, options.batchSize(), options.shuffle(), options.seedOr(seed));
        return new TrainingLoop(this, options).run(train, validation(valX, valY, options));
    }

    /**
     * Trains on a loader's batches for a number of epochs; the loader decides the batch size and
     * the shuffling.
     *
     * @param train the training batches
     * @param epochs the number of passes over the data
     * @return the loss and metrics per epoch
     * @throws ShapeException before any training, naming the layer or loss and both shapes, if the data do not fit
     */
    public History fit(DataLoader train, int epochs) {
        return fit(train, FitOptions.create().epochs(epochs));
    }

    /**
     * Trains on a loader's batches; the loader decides the batch size and the shuffling, so
     * {@link FitOptions#batchSize} and {@link FitOptions#shuffle} do not apply, and
     * {@link FitOptions#validationSplit} is not supported (split the dataset instead).
     *
     * @param train the training batches
     * @param options epochs, validation, callbacks, verbosity
     * @return the loss and metrics per epoch
     * @throws ShapeException before any training, naming the layer or loss and both shapes, if the data do not fit
     */
    public History fit(DataLoader train, FitOptions options) {
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validationSplit=" + options.validationSplit() + " works on tensors only; "
                    + "split the loader's dataset (Dataset.split) and pass validationData instead");
        }
        return new TrainingLoop(this, options).run(new LoaderBatches(train),
                validation(options.validationX(), options.validationY(), options));
    }

    private static BatchSource validation(Tensor valX, Tensor valY, FitOptions options) {
        if (options.validationLoader() != null) {
            return new LoaderBatches(options.validationLoader());
        }
        if (valX == null) {
            return null;
        }
        checkSameCount("validation data", valX, valY);
        return new TensorBatches(valX, valY, options.batchSize(), false, 0);
    }

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
        checkSameCount("evaluate", x, y);
        BatchSource data = new TensorBatches(x, y, positiveBatchSize(batchSize), false, 0);
        return new Evaluation(new TrainingLoop(this, FitOptions.create().verbose(0)).evaluate(data));
    }

    /**
     * Computes the loss and the compiled metrics over a loader's batches.
     *
     * @param data the batches
     * @return the loss and metrics over all examples
     */
    public Evaluation evaluate(DataLoader data) {
        return new Evaluation(new TrainingLoop(this, FitOptions.create().verbose(0)).evaluate(new LoaderBatches(data)));
    }

    /**
     * Runs the model on every batch of a loader, in the loader's order, without recording gradients.
     *
     * @param data the batches (their labels are ignored)
     * @return the outputs of all batches, stacked, {@code (examples, ...outputShape)}
     */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public Tensor predict(DataLoader data) {
        ensureBuilt(data.dataset().x().shape());
        int[] outShape = outputShapeOf(layers.size() - 1);
        int row = Shapes.size(outShape);
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : data) {
                double[] y = Storage.data(forward(b.x(), false, false));
                parts.add(y);
                n += y.length / row;
            }
        }
        double[] out = new double[n * row];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return Storage.wrap(out, batched(n, outShape));
    }

    /**
     * Runs the model on inputs in batches of {@value #DEFAULT_BATCH_SIZE}, without recording
     * gradients. Safe to call from many threads at once on a model that is not training.
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @return the outputs, {@code (n, ...outputShape)}
     */
    public Tensor predict(Tensor x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    /**
     * Runs the model on inputs in batches, without recording gradients; thread-safe on a model
     * that is not training (no state is shared between calls).
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @param batchSize examples per forward pass
     * @return the outputs, {@code (n, ...outputShape)}
     */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public Tensor predict(Tensor x, int batchSize) {
        int size = positiveBatchSize(batchSize);
        int[] xShape = x.shape();
        ensureBuilt(xShape);
        int n = xShape[0];
        int[] outShape = batched(n, outputShapeOf(layers.size() - 1));
        int row = Shapes.product(outShape, 1, outShape.length);
        double[] out = new double[n * row];
        try (NoGrad g = NoGrad.enter()) {
            for (int from = 0; from < n; from += size) {
                int to = Math.min(n, from + size);
                Tensor y = forward(TensorBatches.rows(x, from, to), false, false);
                System.arraycopy(Storage.data(y), 0, out, from * row, (to - from) * row);
            }
        }
        return Storage.wrap(out, outShape);
    }

    /**
     * Computes the gradient of {@code lossScale} times the batch's mean loss with respect to every
     * trainable weight, without changing the weights or the optimizer: a training forward pass
     * (Dropout active), the compiled loss, backward, then copies of the gradients, which are
     * cleared from the weights. Together with {@link Optimizer#apply(List, List)} it is one step
     * of {@link #fit}, bit for bit: {@code fit} on one batch equals
     * {@code optimizer().apply(trainableWeights(), gradients(x, y, 1.0).values())}.
     *
     * <p>The scale lets gradients of parts of a batch add up to the gradient of the whole: with a
     * batch of {@code B} examples cut into parts of {@code b_i} examples, the gradients of the
     * parts with {@code lossScale = b_i / B} sum to the gradient of the whole batch's mean loss
     * (up to the order of the floating-point sums). Each call draws the next mask of every Dropout
     * layer, as a training step does.
     *
     * <pre>{@code
     * Gradients first = model.gradients(x1, y1, 16.0 / 32);
     * Gradients second = model.gradients(x2, y2, 16.0 / 32);
     * List<Tensor> sum = new ArrayList<>();
     * for (int i = 0; i < first.values().size(); i++) {
     *     sum.add(first.values().get(i).add(second.values().get(i)));
     * }
     * model.optimizer().apply(model.trainableWeights(), sum);
     * }</pre>
     *
     * @param x the inputs, {@code (n, ...inputShape)}
     * @param y the labels, {@code (n, ...)} as the loss expects
     * @param lossScale the factor on the mean loss (1 for an ordinary step), finite
     * @return the gradients, the batch's mean loss (unscaled) and its predictions
     * @throws IllegalStateException if the model is not compiled
     * @throws ShapeException naming the layer or loss and both shapes if the data do not fit
     */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public Gradients gradients(Tensor x, Tensor y, double lossScale) {
        if (optimizer == null || loss == null) {
            throw new IllegalStateException("gradients: Sequential '" + name
                    + "' is not compiled; call compile(optimizer, loss, metrics...) first");
        }
        if (!Double.isFinite(lossScale)) {
            throw new IllegalArgumentException("gradients: lossScale must be finite. Received: lossScale=" + lossScale);
        }
        checkSameCount("gradients", x, y);
        ensureBuilt(x.shape());
        Layer last = layers.get(layers.size() - 1);
        loss.validate(y, batched(x.shape()[0], outputShapeOf(layers.size() - 1)));
        boolean fused = loss.fusesWith(last.finalActivation());
        List<Tensor> weights = trainableWeights();
        weights.forEach(Tensor::zeroGrad);
        Tensor out = forward(x, true, fused);
        Tensor batchLoss = fused ? loss.computeFromLogits(y, out) : loss.compute(y, out);
        batchLoss.mul(lossScale).backward();
        List<Tensor> values = new ArrayList<>(weights.size());
        for (Tensor w : weights) {
            double[] g = Storage.grad(w);
            values.add(Storage.wrap(g == null ? new double[w.size()] : g.clone(), Storage.shape(w)));
            w.zeroGrad();
        }
        Tensor predictions;
        try (NoGrad g = NoGrad.enter()) {
            predictions = (fused ? Activations.get(last.finalActivation()).apply(out) : out).detach();
        }
        return new Gradients(values, batchLoss.item(), predictions);
    }

    /** @return copies of every layer's weights, layer by layer in order */
    public List<Tensor> getWeights() {
        requireInputShape("getWeights");
        List<Tensor> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.getWeights()));
        return all;
    }

    /**
     * Replaces every layer's weights, in {@link #getWeights()}'s order.
     *
     * @param values one tensor per weight (copied in)
     * @throws ShapeException naming the layer and weight if the count or a shape differs
     */
    public void setWeights(List<Tensor> values) {
        requireInputShape("setWeights");
        int expected = 0;
        for (Layer l : layers) {
            expected += l.trainableWeights().size();
        }
        if (values.size() != expected) {
            throw new ShapeException("setWeights: Sequential '" + name + "' has " + expected + " weights, received "
                    + values.size());
        }
        int at = 0;
        for (Layer l : layers) {
            int k = l.trainableWeights().size();
            l.setWeights(values.subList(at, at + k));
            at += k;
        }
    }

    /** @return the live weights of every layer, in order, as the optimizer updates them */
    public List<Tensor> trainableWeights() {
        List<Tensor> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.trainableWeights()));
        return all;
    }

    /** @return the number of weight values in all layers */
    public int countParams() {
        requireInputShape("countParams");
        int n = 0;
        for (Layer l : layers) {
            n += l.countParams();
        }
        return n;
    }

    /**
     * Keras 3's summary table: each layer's name and type, output shape and parameter count,
     * then the totals (sizes for 8-byte doubles).
     *
     * @return the table, lines ending in {@code \n}
     * @throws IllegalStateException if the input shape is not known yet
     */
    public String summary() {
        requireInputShape("summary");
        return Summary.of(this);
    }

    /**
     * Saves the model to one file: the architecture, the seed, the weights, the compile settings
     * and the optimizer's state (its settings, including the current learning rate, its iteration
     * count and its slots), plus the state of every Dropout layer's mask generator, so that the
     * loaded model predicts bit-identically and goes on training exactly as this one would. The
     * layout is documented in {@code docs/model-format.md}.
     *
     * <p>The file is written atomically: a temporary file in the same folder is flushed to disk
     * and then moved over {@code path}, so a failure part-way never leaves a broken file and
     * never destroys the previous one. A model whose input shape is not known yet (no
     * {@code inputShape} on the first layer and never given data) has no weights: its file holds
     * the architecture, seed and compile settings, and the loaded model makes, from the same
     * seed, the same weights this one would.
     *
     * <pre>{@code
     * model.fit(x, y, 5, 32);
     * model.save(Path.of("digits.lepton"));
     * Sequential again = Sequential.load(Path.of("digits.lepton"));
     * }</pre>
     *
     * @param path the file to write (conventionally {@code .lepton}); its folder must exist
     * @throws java.io.UncheckedIOException if the file cannot be written; any previous file is then intact
     * @throws IllegalArgumentException if a layer, the loss or the optimizer is a class of the
     *         user's own, which a model file cannot name
     */
    public synchronized void save(Path path) {
        if (inputShape != null) {
            ensureBuilt(batched(1, inputShape));
        }
        ModelFile.write(path, name, seed, inputShape, layers, loss, metricNames, optimizer);
    }

    /**
     * Loads a model saved by {@link #save}: the same layers, weights, seed and compile settings,
     * and the optimizer with its slots and iteration count, ready to predict or to go on training
     * (with {@link FitOptions#initialEpoch} to resume a run: the shuffling of each epoch depends
     * only on the seed and the epoch, so the resumed run repeats the uninterrupted one bit for
     * bit). A model saved uncompiled loads uncompiled.
     *
     * <p>Not restored, because they live outside the model: the callbacks' own state (e.g.
     * EarlyStopping's patience count, ReduceLROnPlateau's wait), the History, and the shuffling
     * of a {@link DataLoader}, which the loader owns.
     *
     * <p>Loading is safe on files from anywhere: it never deserializes Java objects or loads a
     * class named in the file, checks every size before using memory, and throws only
     * {@link ModelFormatException} for bad content.
     *
     * <pre>{@code
     * Sequential model = Sequential.load(Path.of("digits.lepton"));
     * Tensor probabilities = model.predict(images);
     * }</pre>
     *
     * @param path the file
     * @return the model
     * @throws ModelFormatException if the file is not a valid model file (truncated, damaged,
     *         missing or unexpected entries, unknown types, wrong shapes, newer format, ...),
     *         naming the file and what is wrong
     * @throws java.io.UncheckedIOException if the file cannot be read at all (e.g. it does not exist)
     */
    public static Sequential load(Path path) {
        ModelFile file = ModelFile.read(path);
        Sequential model = new Sequential().name(file.name()).seed(file.seed());
        try {
            file.layers().forEach(model::add);
            if (file.inputShape() != null) {
                model.ensureBuilt(batched(1, file.inputShape()));
                model.setWeights(file.weights());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        if (file.optimizer() != null) {
            model.compile(file.optimizer(), file.loss(), file.metrics().toArray(String[]::new));
            if (file.inputShape() != null) {
                file.optimizer().build(model.trainableWeights());
                if (!file.optimizerSlots().isEmpty()) {
                    file.optimizer().setVariables(file.optimizerSlots());
                }
            }
        }
        return model;
    }

    /** @return the optimizer given to {@link #compile}, or {@code null} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the loss given to {@link #compile}, or {@code null} */
    public Loss loss() {
        return loss;
    }

    /** @return the metric names given to {@link #compile} */
    public List<String> metricNames() {
        return metricNames;
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
     * Makes the weights if needed and checks that inputs of the given shape fit the model.
     *
     * @param xShape the inputs' shape, batch included
     * @throws ShapeException naming the first layer (or the layer that cannot take its input) and both shapes
     */
    synchronized void ensureBuilt(int[] xShape) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name + "' has no layers; add some first");
        }
        if (xShape.length < 1) {
            throw new ShapeException(layers.get(0).describe() + ": expected a batch of inputs, received a scalar of shape ()");
        }
        int[] perExample = Arrays.copyOfRange(xShape, 1, xShape.length);
        if (inputShape != null && !Shapes.equal(inputShape, perExample)) {
            throw new ShapeException(layers.get(0).describe() + ": expected input shape " + Shapes.formatBatched(inputShape)
                    + ", received " + Shapes.format(xShape));
        }
        if (built) {
            return;
        }
        int[] shape = perExample;
        for (Layer l : layers) {
            shape = l.computeOutputShape(shape);
        }
        inputShape = perExample;
        shape = perExample;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).build(shape, layerSeed(i));
            shape = layers.get(i).outputShape();
        }
        built = true;
    }

    /** Layer {@code i}'s initialization seed: the i-th draw from the model's seed, whenever the layer is added. */
    private long layerSeed(int i) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long s = seeds.nextLong();
        for (int k = 0; k < i; k++) {
            s = seeds.nextLong();
        }
        return s;
    }

    /**
     * Runs the layers on a batch.
     *
     * @param x the batch
     * @param training whether this is a training step
     * @param logits whether to stop before the last layer's final activation
     * @return the output
     */
    Tensor forward(Tensor x, boolean training, boolean logits) {
        Tensor out = x;
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            out = layers.get(i).call(out, training);
        }
        return logits ? layers.get(last).callBeforeActivation(out, training) : layers.get(last).call(out, training);
    }

    /** The per-example output shape of layer {@code i}, computed from the input shape. */
    int[] outputShapeOf(int i) {
        int[] shape = inputShape;
        for (int k = 0; k <= i; k++) {
            shape = layers.get(k).computeOutputShape(shape);
        }
        return shape;
    }

    private void requireInputShape(String what) {
        if (inputShape == null) {
            throw new IllegalStateException(what + ": Sequential '" + name + "' does not know its input shape yet; "
                    + "declare it on the first layer with inputShape(...) or call fit or predict first");
        }
        ensureBuilt(batched(1, inputShape));
    }

    private static void checkSameCount(String what, Tensor x, Tensor y) {
        if (x.rank() < 1 || y.rank() < 1 || x.shape()[0] != y.shape()[0]) {
            throw new ShapeException(what + ": x " + Shapes.format(x.shape()) + " and y " + Shapes.format(y.shape())
                    + " must hold the same number of examples along their first axis");
        }
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
}
