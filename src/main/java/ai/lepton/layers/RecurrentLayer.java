package ai.lepton.layers;

import ai.lepton.autograd.RecurrentOp;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The base of the recurrent layers {@link SimpleRNN}, {@link LSTM} and {@link GRU}, with the
 * settings of Keras's {@code RNN} base and cells. A layer runs its cell over sequences
 * {@code (batch, steps, features)} in one fused op ({@link RecurrentOp}), with Keras's weights:
 * kernel {@code (features, gates·units)}, recurrent_kernel {@code (units, gates·units)}, bias.
 *
 * <p>Outputs: the last step's output {@code (batch, units)}, or with {@code returnSequences}
 * every step's {@code (batch, steps, units)}; with {@code returnState} the final states follow
 * ({@link #applyAll} and {@link #call(List, boolean)} give them all). Applied to several inputs,
 * the inputs after the first are the initial states, as Keras's {@code initial_state}.
 *
 * <p>Masks: the layer takes the mask its input carries (from {@code Embedding(maskZero)} or
 * {@code Masking}); a masked step keeps the previous states and output, and with
 * {@code returnSequences} the output carries the mask on. {@code goBackwards} reads the sequence
 * from its end and returns the output sequence reversed. {@code stateful} carries the final states
 * of one batch into the next (the batch size is then fixed by the first batch) until
 * {@link #resetStates()}. {@code dropout} and {@code recurrentDropout} drop inputs and states in
 * training with one mask per sequence (Keras's), drawn from the layer's seed.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(64).returnSequences(true).dropout(0.2);
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class RecurrentLayer<T extends RecurrentLayer<T>> extends Layer implements Randomized {
    private static final String COUNT = "masks_drawn";

    private final int units;
    private String activation = "tanh";
    private String recurrentActivation = "sigmoid";
    private boolean useBias = true;
    private String kernelInitializer = "glorot_uniform";
    private String recurrentInitializer = "orthogonal";
    private String biasInitializer = "zeros";
    private Regularizer kernelRegularizer;
    private Regularizer recurrentRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer activityRegularizer;
    private Constraint kernelConstraint;
    private Constraint recurrentConstraint;
    private Constraint biasConstraint;
    private double dropout;
    private double recurrentDropout;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean unroll;
    private boolean zeroOutputForMask;
    /** A stateful layer's states between batches, one {@code (batch, units)} array each; {@code null} until the first call. */
    private double[][] heldStates;

    /**
     * @param units the size of the state and output, positive
     * @throws IllegalArgumentException echoing {@code units} if it is not positive
     */
    protected RecurrentLayer(int units) {
        this.units = requirePositive("units", units);
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /** @return the cell the layer runs */
    abstract RecurrentOp.Cell cell();

    /** @return the number of units */
    public int units() {
        return units;
    }

    // ---------------------------------------------------------------- settings

    /**
     * @param name the activation of the candidate state (default {@code tanh}); one of
     *        {@link RecurrentOp#ACTIVATIONS}
     * @return this layer
     * @throws IllegalArgumentException echoing the name if a recurrent cell cannot apply it
     */
    public T activation(String name) {
        activation = requireActivation("activation", name);
        return self();
    }

    /**
     * Sets the gates' activation, for the layers that have gates.
     *
     * @param name the activation (default {@code sigmoid})
     * @return this layer
     */
    T setRecurrentActivation(String name) {
        recurrentActivation = requireActivation("recurrent_activation", name);
        return self();
    }

    private String requireActivation(String setting, String name) {
        if (!RecurrentOp.ACTIVATIONS.contains(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting + " must be one of "
                    + RecurrentOp.ACTIVATIONS + ", which a fused recurrent cell applies. Received: " + setting + "=" + name);
        }
        return name;
    }

    /**
     * @param on whether to add a bias (default true)
     * @return this layer
     */
    public T useBias(boolean on) {
        useBias = on;
        return self();
    }

    /**
     * @param name the kernel's initializer (default {@code glorot_uniform}, see {@link Initializers})
     * @return this layer
     */
    public T kernelInitializer(String name) {
        Initializers.get(name);
        kernelInitializer = name;
        return self();
    }

    /**
     * @param name the recurrent kernel's initializer (default {@code orthogonal})
     * @return this layer
     */
    public T recurrentInitializer(String name) {
        Initializers.get(name);
        recurrentInitializer = name;
        return self();
    }

    /**
     * @param name the bias's initializer (default {@code zeros})
     * @return this layer
     */
    public T biasInitializer(String name) {
        Initializers.get(name);
        biasInitializer = name;
        return self();
    }

    /**
     * @param regularizer a penalty on the kernel, or {@code null}
     * @return this layer
     */
    public T kernelRegularizer(Regularizer regularizer) {
        kernelRegularizer = regularizer;
        return self();
    }

    /**
     * @param regularizer a penalty on the recurrent kernel, or {@code null}
     * @return this layer
     */
    public T recurrentRegularizer(Regularizer regularizer) {
        recurrentRegularizer = regularizer;
        return self();
    }

    /**
     * @param regularizer a penalty on the bias, or {@code null}
     * @return this layer
     */
    public T biasRegularizer(Regularizer regularizer) {
        biasRegularizer = regularizer;
        return self();
    }

    /**
     * @param regularizer a penalty on each output (and returned state), divided by the batch size as
     *        Keras does, or {@code null}
     * @return this layer
     */
    public T activityRegularizer(Regularizer regularizer) {
        activityRegularizer = regularizer;
        return self();
    }

    /**
     * @param constraint a projection of the kernel after each step, or {@code null}
     * @return this layer
     */
    public T kernelConstraint(Constraint constraint) {
        kernelConstraint = constraint;
        return self();
    }

    /**
     * @param constraint a projection of the recurrent kernel after each step, or {@code null}
     * @return this layer
     */
    public T recurrentConstraint(Constraint constraint) {
        recurrentConstraint = constraint;
        return self();
    }

    /**
     * @param constraint a projection of the bias after each step, or {@code null}
     * @return this layer
     */
    public T biasConstraint(Constraint constraint) {
        biasConstraint = constraint;
        return self();
    }

    /**
     * @param rate the fraction of input features dropped in training, in {@code [0, 1)} (default 0)
     * @return this layer
     * @throws IllegalArgumentException echoing the rate if it is outside {@code [0, 1)}
     */
    public T dropout(double rate) {
        dropout = requireRate("dropout", rate);
        return self();
    }

    /**
     * @param rate the fraction of state units dropped from the recurrent products in training, in
     *        {@code [0, 1)} (default 0)
     * @return this layer
     * @throws IllegalArgumentException echoing the rate if it is outside {@code [0, 1)}
     */
    public T recurrentDropout(double rate) {
        recurrentDropout = requireRate("recurrent_dropout", rate);
        return self();
    }

    private double requireRate(String setting, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting
                    + " must be a number in [0, 1). Received: " + setting + "=" + rate);
        }
        return rate;
    }

    /**
     * @param on whether to output every step, {@code (batch, steps, units)}, not only the last (default false)
     * @return this layer
     */
    public T returnSequences(boolean on) {
        returnSequences = on;
        return self();
    }

    /**
     * @param on whether to return the final states after the output (default false)
     * @return this layer
     */
    public T returnState(boolean on) {
        returnState = on;
        return self();
    }

    /**
     * @param on whether to read the sequence from its end; the output sequence is then reversed (default false)
     * @return this layer
     */
    public T goBackwards(boolean on) {
        goBackwards = on;
        return self();
    }

    /**
     * @param on whether the final states of a batch are the initial states of the next (default
     *        false); the batch size is fixed by the first batch
     * @return this layer
     */
    public T stateful(boolean on) {
        stateful = on;
        return self();
    }

    /**
     * Keras's unrolling switch, kept for configs: the fused op is as fast either way.
     *
     * @param on the setting (default false)
     * @return this layer
     */
    public T unroll(boolean on) {
        unroll = on;
        return self();
    }

    /**
     * @param on whether masked steps output zeros rather than the previous output (default
     *        false; {@link Bidirectional} sets it on its layers when they return sequences)
     * @return this layer
     */
    public T zeroOutputForMask(boolean on) {
        zeroOutputForMask = on;
        return self();
    }

    @Override
    public T name(String layerName) {
        super.name(layerName);
        return self();
    }

    @Override
    public T inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return self();
    }

    @Override
    public T trainable(boolean on) {
        super.trainable(on);
        return self();
    }

    /** @return whether every step is output */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** @return whether the final states are returned */
    public boolean returnState() {
        return returnState;
    }

    /** @return whether the sequence is read from its end */
    public boolean goBackwards() {
        return goBackwards;
    }

    /** @return whether states carry over between batches */
    public boolean stateful() {
        return stateful;
    }

    // ---------------------------------------------------------------- states

    /**
     * Forgets the states a stateful layer carried over: the next batch starts from zeros (Keras's
     * {@code reset_state}). Does nothing for a layer that is not stateful.
     */
    public synchronized void resetStates() {
        if (heldStates != null) {
            for (double[] s : heldStates) {
                java.util.Arrays.fill(s, 0.0);
            }
        }
    }

    /**
     * A stateful layer's current states, as the next batch will start from them.
     *
     * @return copies, one {@code (batch, units)} tensor per state; empty before the first batch
     *         or for a layer that is not stateful
     */
    public synchronized List<Tensor> states() {
        List<Tensor> out = new ArrayList<>();
        if (heldStates != null) {
            for (double[] s : heldStates) {
                out.add(Tensor.of(s, s.length / units, units));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- shapes and weights

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int states = cell().states();
        if (inputShapes.size() != 1 && inputShapes.size() != 1 + states) {
            throw new IllegalArgumentException(describe() + " takes a sequence and, optionally, its " + states
                    + " initial state" + (states == 1 ? "" : "s") + "; received " + inputShapes.size() + " inputs");
        }
        int[] in = inputShapes.get(0);
        if (in.length != 2) {
            throw new ShapeException(describe() + ": expected sequences of shape (batch, steps, features), received "
                    + Shapes.formatBatched(in));
        }
        for (int k = 1; k < inputShapes.size(); k++) {
            if (!Shapes.equal(inputShapes.get(k), new int[] {units})) {
                throw new ShapeException(describe() + ": initial state " + (k - 1) + " must have shape (None, " + units
                        + "), received " + Shapes.formatBatched(inputShapes.get(k)));
            }
        }
        List<int[]> out = new ArrayList<>();
        out.add(returnSequences ? new int[] {in[0], units} : new int[] {units});
        if (returnState) {
            for (int k = 0; k < states; k++) {
                out.add(new int[] {units});
            }
        }
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        List<int[]> out = computeOutputShapes(List.of(inputShape));
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns its states too; use computeOutputShapes");
        }
        return out.get(0);
    }

    @Override
    protected void declareWeights(List<int[]> inputShapes, Weights weights) {
        int[] in = inputShapes.get(0);
        int width = cell().gates() * units;
        weights.add("kernel", new int[] {in[in.length - 1], width}, Initializers.get(kernelInitializer), kernelRegularizer,
                kernelConstraint);
        weights.add("recurrent_kernel", new int[] {units, width}, Initializers.get(recurrentInitializer),
                recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            weights.add("bias", biasShape(), biasInitializer(Initializers.get(biasInitializer)), biasRegularizer,
                    biasConstraint);
        }
        if (drawsMasks()) {
            weights.addState(COUNT, new int[] {1});
        }
    }

    /** @return the bias's shape, {@code (gates·units)} */
    int[] biasShape() {
        return new int[] {cell().gates() * units};
    }

    /**
     * The bias's initializer, which a cell may adapt (LSTM's forget-gate bias of ones).
     *
     * @param configured the configured initializer
     * @return the initializer to use
     */
    Initializer biasInitializer(Initializer configured) {
        return configured;
    }

    // ---------------------------------------------------------------- calling

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return returnSequences && !returnState ? Storage.mask(inputs.get(0)) : null;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        List<Tensor> out = call(List.of(x), training);
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns its states too; use call(List, boolean)");
        }
        return out.get(0);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        int[] xs = Storage.shape(x);
        if (xs.length != 3) {
            throw new ShapeException(describe() + ": expected sequences of shape (batch, steps, features), received "
                    + Shapes.format(xs));
        }
        Tensor mask = Storage.mask(x);
        if (mask != null && !Shapes.equal(Storage.shape(mask), new int[] {xs[0], xs[1]})) {
            throw new ShapeException(describe() + ": the input's mask has shape " + Shapes.format(Storage.shape(mask))
                    + " but the sequences are " + Shapes.format(xs) + "; expected (" + xs[0] + ", " + xs[1] + ")");
        }
        RecurrentOp.Call call = new RecurrentOp.Call(cell()).activations(activation, recurrentActivation)
                .goBackwards(goBackwards).returnSequences(returnSequences).zeroOutputForMask(zeroOutputForMask)
                .withStates(returnState || stateful).mask(mask);
        if (training && (dropout > 0 || recurrentDropout > 0)) {
            Tensor[] masks = dropoutMasks(xs[0], xs[2]);
            call.dropout(masks[0], masks[1]);
        }
        Tensor bias = useBias ? weight("bias") : null;
        List<Tensor> outputs;
        if (stateful) {
            outputs = callStateful(call, x, bias, inputs.subList(1, inputs.size()));
        } else {
            outputs = RecurrentOp.apply(call, x, weight("kernel"), weight("recurrent_kernel"), bias,
                    inputs.subList(1, inputs.size()));
        }
        if (!returnState) {
            outputs = outputs.subList(0, 1);
        }
        if (returnSequences && mask != null) {
            Storage.attachMask(outputs.get(0), mask);
        }
        if (activityRegularizer != null) {
            for (Tensor out : outputs) {
                addLoss(Regularizers.activityPenalty(activityRegularizer, out));
            }
        }
        return outputs;
    }

    /** Runs from the held states (or the given ones) and keeps the final states for the next batch. */
    private synchronized List<Tensor> callStateful(RecurrentOp.Call call, Tensor x, Tensor bias, List<Tensor> given) {
        int batch = Storage.shape(x)[0];
        int states = cell().states();
        if (heldStates == null) {
            heldStates = new double[states][batch * units];
        } else if (heldStates[0].length != batch * units) {
            throw new ShapeException(describe() + " is stateful with batch size " + heldStates[0].length / units
                    + " (its states are (" + heldStates[0].length / units + ", " + units + ")); received a batch of " + batch
                    + ". Give every batch the same size, as Keras requires of stateful layers");
        }
        List<Tensor> initial = given;
        if (initial.isEmpty()) {
            initial = new ArrayList<>();
            for (double[] s : heldStates) {
                initial.add(Tensor.of(s, batch, units));
            }
        }
        List<Tensor> outputs = RecurrentOp.apply(call, x, weight("kernel"), weight("recurrent_kernel"), bias, initial);
        for (int k = 0; k < states; k++) {
            System.arraycopy(Storage.data(outputs.get(1 + k)), 0, heldStates[k], 0, batch * units);
        }
        return outputs;
    }

    /** @return how many training calls have drawn dropout masks; always 0 without dropout */
    @Override
    public long draws() {
        return drawsMasks() ? Draws.count(this, COUNT) : 0;
    }

    /**
     * Sets the number of the next dropout mask set; without dropout the layer draws nothing and
     * only the range is checked.
     */
    @Override
    public T draws(long count) {
        if (drawsMasks()) {
            Draws.set(this, COUNT, count);
        } else {
            Draws.check(this, count);
        }
        return self();
    }

    private boolean drawsMasks() {
        return dropout > 0 || recurrentDropout > 0;
    }

    /**
     * Draws the training call's dropout masks, 0 or {@code 1 / (1 - rate)}: for the input, one
     * {@code (batch, features)} mask shared by the gates, or one per gate with recurrent dropout
     * (Keras's implementation 1); for the state, one {@code (batch, units)} mask per gate. Mask set
     * number {@code k} comes from a generator seeded by the layer's seed and {@code k} alone, as
     * {@link Dropout}'s masks do.
     */
    private Tensor[] dropoutMasks(int batch, int features) {
        SplittableRandom random = Draws.next(this, COUNT);
        int gates = cell().gates();
        Tensor input = null;
        if (dropout > 0) {
            int blocks = recurrentDropout > 0 ? gates : 1;
            input = Storage.wrap(bernoulli(random, blocks * batch * features, dropout), blocks, batch, features);
        }
        Tensor recurrent = null;
        if (recurrentDropout > 0) {
            recurrent = Storage.wrap(bernoulli(random, gates * batch * units, recurrentDropout), gates, batch, units);
        }
        return new Tensor[] {input, recurrent};
    }

    private static double[] bernoulli(SplittableRandom random, int size, double rate) {
        double scale = 1.0 / (1.0 - rate);
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            m[i] = random.nextDouble() >= rate ? scale : 0.0;
        }
        return m;
    }

    // ---------------------------------------------------------------- config

    @Override
    public Config getConfig() {
        Config config = super.getConfig();
        config.put("return_sequences", returnSequences);
        config.put("return_state", returnState);
        config.put("go_backwards", goBackwards);
        config.put("stateful", stateful);
        config.put("unroll", unroll);
        config.put("zero_output_for_mask", zeroOutputForMask);
        config.put("units", units);
        config.put("activation", activation);
        putCellSettings(config);
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("recurrent_initializer", recurrentInitializer);
        config.put("bias_initializer", biasInitializer);
        putBiasSettings(config);
        Regularizers.put(config, "kernel_regularizer", kernelRegularizer);
        Regularizers.put(config, "recurrent_regularizer", recurrentRegularizer);
        Regularizers.put(config, "bias_regularizer", biasRegularizer);
        Regularizers.put(config, "activity_regularizer", activityRegularizer);
        Constraints.put(config, "kernel_constraint", kernelConstraint);
        Constraints.put(config, "recurrent_constraint", recurrentConstraint);
        Constraints.put(config, "bias_constraint", biasConstraint);
        config.put("dropout", dropout);
        config.put("recurrent_dropout", recurrentDropout);
        config.put("seed", null);
        return config;
    }

    /**
     * Adds the settings between {@code activation} and {@code use_bias} in Keras's order (the gates'
     * activation); the default adds the recurrent activation.
     *
     * @param config the config being written
     */
    void putCellSettings(Config config) {
        config.put("recurrent_activation", recurrentActivation);
    }

    /**
     * Adds the settings after {@code bias_initializer} in Keras's order (LSTM's
     * {@code unit_forget_bias}); the default adds none.
     *
     * @param config the config being written
     */
    void putBiasSettings(Config config) {
    }

    /**
     * Reads the shared settings of {@link #getConfig()} into a new layer, for the factories of the
     * subclasses; the subclass reads its own first.
     *
     * @param layer a new layer
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    static <L extends RecurrentLayer<L>> L withRecurrentSettings(L layer, Config config) {
        config.markRead("seed", "implementation", "use_cudnn");
        return layer.returnSequences(config.getBoolean("return_sequences", false))
                .returnState(config.getBoolean("return_state", false))
                .goBackwards(config.getBoolean("go_backwards", false))
                .stateful(config.getBoolean("stateful", false))
                .unroll(config.getBoolean("unroll", false))
                .zeroOutputForMask(config.getBoolean("zero_output_for_mask", false))
                .activation(config.getString("activation", "tanh"))
                .useBias(config.getBoolean("use_bias", true))
                .kernelInitializer(config.getString("kernel_initializer", "glorot_uniform"))
                .recurrentInitializer(config.getString("recurrent_initializer", "orthogonal"))
                .biasInitializer(config.getString("bias_initializer", "zeros"))
                .dropout(config.getDouble("dropout", 0.0))
                .recurrentDropout(config.getDouble("recurrent_dropout", 0.0))
                .kernelRegularizer(Regularizers.read(config, "kernel_regularizer"))
                .recurrentRegularizer(Regularizers.read(config, "recurrent_regularizer"))
                .biasRegularizer(Regularizers.read(config, "bias_regularizer"))
                .activityRegularizer(Regularizers.read(config, "activity_regularizer"))
                .kernelConstraint(Constraints.read(config, "kernel_constraint"))
                .recurrentConstraint(Constraints.read(config, "recurrent_constraint"))
                .biasConstraint(Constraints.read(config, "bias_constraint"));
    }
}
