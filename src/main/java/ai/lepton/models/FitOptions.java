package ai.lepton.models;

import ai.lepton.data.DataLoader;
import ai.lepton.data.SampleWeights;
import ai.lepton.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of {@link Model#fit}, with Keras's defaults: 1 epoch, batches of 32,
 * shuffled every epoch, progress bar on ({@code verbose} 1), no validation.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.create()
 *         .epochs(20).batchSize(64)
 *         .validationSplit(0.2)
 *         .callbacks(new EarlyStopping().patience(3))
 *         .verbose(2));
 * }</pre>
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private boolean batchSizeSet;
    private boolean shuffle = true;
    private boolean shuffleSet;
    private double[] lossWeights;
    private Long seed;
    private Tensor validationX;
    private Tensor validationY;
    private Tensor validationSampleWeight;
    private Map<Integer, Double> classWeight;
    private Tensor sampleWeight;
    private DataLoader validationLoader;
    private double validationSplit;
    private final List<Callback> callbacks = new ArrayList<>();
    private int verbose = 1;
    private int initialEpoch;
    private int stepsPerEpoch;
    private int validationFreq = 1;
    private int validationBatchSize;
    private boolean detectAnomaly;
    private PrintStream output;

    private FitOptions() {
    }

    /** @return options with Keras's defaults */
    public static FitOptions create() {
        return new FitOptions();
    }

    /**
     * @param n the epoch to stop before (with {@link #initialEpoch}, the total count), at least 1
     * @return these options
     */
    public FitOptions epochs(int n) {
        epochs = positive("epochs", n);
        return this;
    }

    /**
     * @param n examples per batch, at least 1 (the last batch of an epoch may be smaller); a
     *        {@link DataLoader} keeps its own
     * @return these options
     */
    public FitOptions batchSize(int n) {
        batchSize = positive("batchSize", n);
        batchSizeSet = true;
        return this;
    }

    /**
     * @param on whether to shuffle the training examples before each epoch (default true); a
     *        {@link DataLoader} shuffles as it was told to
     * @return these options
     */
    public FitOptions shuffle(boolean on) {
        shuffle = on;
        shuffleSet = true;
        return this;
    }

    /**
     * Weighs the losses of a model with several outputs: the total loss is
     * {@code sum_i lossWeights[i] * loss_i} (Keras's {@code loss_weights}). The weights stay with
     * the model after {@code fit}, for {@code evaluate}.
     *
     * @param weights one finite weight per output, in the model's output order
     * @return these options
     * @throws IllegalArgumentException if a weight is not finite
     */
    public FitOptions lossWeights(double... weights) {
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("lossWeights must be finite. Received: " + java.util.Arrays.toString(weights));
            }
        }
        lossWeights = weights.clone();
        return this;
    }

    /**
     * @param value the shuffling seed (default: the model's {@link Model#seed(long) seed})
     * @return these options
     */
    public FitOptions seed(long value) {
        seed = value;
        return this;
    }

    /**
     * Data to evaluate on after each epoch, reported as {@code val_loss}, {@code val_accuracy}, ...;
     * it takes precedence over {@link #validationSplit}.
     *
     * @param x the validation inputs
     * @param y the validation labels
     * @return these options
     */
    public FitOptions validationData(Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("validationData: x and y must both be given. Received: x=" + x + ", y=" + y);
        }
        validationX = x;
        validationY = y;
        validationSampleWeight = null;
        validationLoader = null;
        return this;
    }

    /**
     * Weighted data to evaluate on after each epoch, Keras's {@code validation_data=(x, y, sample_weight)}:
     * {@code val_loss} is the weighted loss, as {@link Model#evaluate(Tensor, Tensor, Tensor)} gives it.
     *
     * @param x the validation inputs
     * @param y the validation labels
     * @param sampleWeight one weight per validation example, {@code (n,)}, finite and not negative
     * @return these options
     * @throws IllegalArgumentException if a part is missing or a weight is negative or not finite
     */
    public FitOptions validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        Tensor checked = SampleWeights.checkValues("validationData", sampleWeight);
        validationData(x, y);
        validationSampleWeight = checked;
        return this;
    }

    /**
     * Trains this many steps per epoch, as Keras's {@code steps_per_epoch}: the batches come from an
     * endless stream of passes over the data (pass {@code p} in its shuffled order for {@code p}),
     * so an epoch may end before a pass does or run into the next one. Resuming at an epoch still
     * repeats the uninterrupted run exactly.
     *
     * @param steps the steps per epoch, at least 1 (default: one full pass per epoch)
     * @return these options
     */
    public FitOptions stepsPerEpoch(int steps) {
        stepsPerEpoch = positive("stepsPerEpoch", steps);
        return this;
    }

    /**
     * @param epochs validate after every {@code epochs}-th epoch only (Keras's {@code validation_freq}; default 1)
     * @return these options
     */
    public FitOptions validationFreq(int epochs) {
        validationFreq = positive("validationFreq", epochs);
        return this;
    }

    /**
     * @param size the batch size of validation (Keras's {@code validation_batch_size}; default: {@link #batchSize(int)})
     * @return these options
     */
    public FitOptions validationBatchSize(int size) {
        validationBatchSize = positive("validationBatchSize", size);
        return this;
    }

    /**
     * Holds out the LAST fraction of the examples (taken before any shuffling) for validation, as
     * Keras does: the first {@code floor(n * (1 - fraction))} examples train.
     *
     * @param fraction in {@code [0, 1)}; 0 turns it off
     * @return these options
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1). Received: validationSplit=" + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    /**
     * @param list callbacks to call during training, in order (added to any given before)
     * @return these options
     */
    public FitOptions callbacks(Callback... list) {
        callbacks.addAll(Arrays.asList(list));
        return this;
    }

    /**
     * @param level 0 silent, 1 a progress bar (one line per epoch when the output is not a terminal), 2 one line per epoch
     * @return these options
     */
    public FitOptions verbose(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: verbose=" + level);
        }
        verbose = level;
        return this;
    }

    /**
     * The 0-based epoch to start at, to resume training as Keras's {@code initial_epoch}:
     * {@link #epochs} stays the index to stop before, so {@code initialEpoch(2).epochs(3)} trains
     * one epoch, numbered 3. Each epoch's shuffling depends only on the seed and the epoch, so a
     * model {@link Model#load loaded} from a file saved after epoch 2 and trained this way
     * ends with exactly the weights of an uninterrupted 3-epoch run.
     *
     * <pre>{@code
     * Sequential model = Sequential.load(Path.of("ckpt-02.lepton"));
     * model.fit(x, y, FitOptions.create().initialEpoch(2).epochs(3));
     * }</pre>
     *
     * @param epoch the epoch to start at (default 0)
     * @return these options
     */
    public FitOptions initialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("initialEpoch must not be negative. Received: initialEpoch=" + epoch);
        }
        initialEpoch = epoch;
        return this;
    }

    /**
     * Turns on anomaly detection ({@link ai.lepton.autograd.Anomaly}) for the whole of training:
     * the first op whose output or gradient holds a NaN or an infinity throws an
     * {@link ArithmeticException} naming the epoch, the batch, the op and its inputs' shapes,
     * instead of letting the NaN spread into the weights. It slows training down; use it to find
     * where a NaN comes from ({@code TerminateOnNaN} only says that the loss went bad).
     *
     * <pre>{@code
     * model.fit(x, y, FitOptions.create().epochs(5).detectAnomaly(true));
     * // ArithmeticException: Epoch 1, batch 3: MatMul produced a non-finite value in its output; inputs (32, 4), (4, 8)
     * }</pre>
     *
     * @param on whether to check every op (default false)
     * @return these options
     */
    public FitOptions detectAnomaly(boolean on) {
        detectAnomaly = on;
        return this;
    }

    /**
     * Weighs each training example's loss by the weight of its class, Keras's
     * {@code class_weight}, e.g. to make a rare class count as much as a common one. The class is
     * the label for class indices and the position of the largest value for one-hot labels; a
     * class missing from the map weighs 1. Only for a model with one output, and not together
     * with {@link #sampleWeight}; validation is not weighted. The loss reduction stays Keras's:
     * {@code sum_i(w_i * loss_i) / batch}.
     *
     * <pre>{@code
     * model.fit(x, y, FitOptions.create().epochs(5).classWeight(Map.of(0, 1.0, 1, 10.0)));
     * }</pre>
     *
     * @param weights the weight of each class index (copied); {@code fit} checks that every key is a
     *        class of the model's output (2 classes for one sigmoid unit)
     * @return these options
     * @throws IllegalArgumentException if a key is negative or a weight is negative or not finite
     */
    public FitOptions classWeight(Map<Integer, Double> weights) {
        SampleWeights.checkClassWeight(weights);
        classWeight = Collections.unmodifiableMap(new TreeMap<>(weights));
        return this;
    }

    /**
     * Weighs each training example's loss, Keras's {@code fit(x, y, sample_weight=...)}: the batch
     * loss is {@code sum_i(w_i * loss_i) / batch} (the number of examples, not the sum of the
     * weights), for every output of the model. The weights follow their examples through shuffling
     * and {@link #validationSplit}. With a {@link DataLoader}, the loader carries the weights
     * ({@link DataLoader#sampleWeight(Tensor)}) instead.
     *
     * <pre>{@code
     * Tensor w = Tensor.rand(3, x.shape()[0]);   // one weight in [0, 1) per example of x
     * model.fit(x, y, FitOptions.create().sampleWeight(w));
     * }</pre>
     *
     * @param weights one weight per example, {@code (n,)} (or {@code (n, steps)} for losses per time step),
     *        finite and not negative
     * @return these options
     * @throws IllegalArgumentException if a weight is negative or not finite
     */
    public FitOptions sampleWeight(Tensor weights) {
        sampleWeight = SampleWeights.checkValues("sampleWeight", weights);
        return this;
    }

    /**
     * A loader to evaluate on after each epoch, reported as {@code val_loss}, {@code val_accuracy}, ...
     *
     * @param loader the validation batches
     * @return these options
     */
    public FitOptions validationData(DataLoader loader) {
        if (loader == null) {
            throw new IllegalArgumentException("validationData: the loader must not be null");
        }
        validationLoader = loader;
        validationX = null;
        validationY = null;
        validationSampleWeight = null;
        return this;
    }

    /**
     * @param stream where the progress goes (default {@code System.out})
     * @return these options
     */
    public FitOptions output(PrintStream stream) {
        output = stream;
        return this;
    }

    // The settings as read back, for training loops outside this package (e.g. lepton-spark's).

    /** @return the epoch to stop before */
    public int epochs() {
        return epochs;
    }

    /** @return examples per batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether to shuffle the training examples before each epoch */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return whether {@link #batchSize(int)} was called (a data loader's batch size may not be overridden) */
    public boolean batchSizeSet() {
        return batchSizeSet;
    }

    /** @return whether {@link #shuffle(boolean)} was called (a data loader's shuffling may not be overridden) */
    public boolean shuffleSet() {
        return shuffleSet;
    }

    /** @return the loss weights of a model with several outputs, or {@code null} for equal weights */
    public double[] lossWeights() {
        return lossWeights == null ? null : lossWeights.clone();
    }

    /**
     * @param fallback the seed to use if none was set, normally the model's
     * @return the shuffling seed
     */
    public long seedOr(long fallback) {
        return seed == null ? fallback : seed;
    }

    /** @return the validation inputs given to {@link #validationData(Tensor, Tensor)}, or {@code null} */
    public Tensor validationX() {
        return validationX;
    }

    /** @return the validation labels given to {@link #validationData(Tensor, Tensor)}, or {@code null} */
    public Tensor validationY() {
        return validationY;
    }

    /** @return the validation weights given to {@link #validationData(Tensor, Tensor, Tensor)}, or {@code null} */
    public Tensor validationSampleWeight() {
        return validationSampleWeight;
    }

    /** @return the class weights, or {@code null} when not set */
    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    /** @return the training examples' weights, or {@code null} when not set */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /** @return the validation loader given to {@link #validationData(DataLoader)}, or {@code null} */
    public DataLoader validationLoader() {
        return validationLoader;
    }

    /** @return the fraction held out for validation, 0 when off */
    public double validationSplit() {
        return validationSplit;
    }

    /** @return the callbacks, in order (unmodifiable) */
    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    /** @return 0 silent, 1 a progress bar, 2 one line per epoch */
    public int verbose() {
        return verbose;
    }

    /** @return the 0-based epoch to start at */
    public int initialEpoch() {
        return initialEpoch;
    }

    /** @return the steps per epoch, or 0 for one full pass over the data per epoch */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** @return validate after every this many epochs */
    public int validationFreq() {
        return validationFreq;
    }

    /** @return the batch size of validation */
    public int validationBatchSize() {
        return validationBatchSize == 0 ? batchSize : validationBatchSize;
    }

    /** @return whether anomaly detection is on */
    public boolean detectAnomaly() {
        return detectAnomaly;
    }

    /** @return where the progress goes, {@code System.out} unless set */
    public PrintStream output() {
        return output == null ? System.out : output;
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1. Received: " + name + "=" + n);
        }
        return n;
    }
}
