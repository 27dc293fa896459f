package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.kernels.Parallel;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import ai.lepton.optimizers.schedules.LearningRateSchedules;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The base of every optimizer, as Keras's {@code keras.optimizers.Optimizer}: it keeps the
 * bookkeeping (the iteration count, the learning rate or its schedule, and per-weight slots such
 * as Adam's moments, keyed by the weight tensor's identity in the order the weights were first
 * seen) and the options every optimizer shares, and each algorithm overrides one update step over
 * raw arrays.
 *
 * <p>One step, in Keras's order: the learning rate is read (from the schedule at
 * {@link #iterations()}); the gradients are clipped ({@link #clipnorm}, {@link #globalClipnorm} or
 * {@link #clipvalue}); the weights decay ({@code w -= w * weightDecay * lr}, see
 * {@link #weightDecay}); the algorithm updates them; the step is counted; then, with
 * {@link #useEma}, the moving average of the weights is updated and every
 * {@link #emaOverwriteFrequency} steps copied into the weights.
 *
 * <p>Only optimizers change weights, in place, in {@link #apply}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3);
 * loss.backward();
 * adam.apply(model.trainableWeights());   // one step for every weight that has a gradient
 * }</pre>
 */
public abstract class Optimizer {
    /**
     * Elements per parallel range of an update: a dense layer's 784×128 weights make 7 ranges
     * to share out, the biases one, which runs on the calling thread.
     */
    private static final int UPDATE_GRAIN = 16_384;
    private static final String AVERAGE = "average";

    private double learningRate;
    private final LearningRateSchedule schedule;
    private Double weightDecay;
    private GradientClipping clipping;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;
    private long iterations;
    private final List<Tensor> weights = new ArrayList<>();
    private final Map<Tensor, double[][]> slots = new IdentityHashMap<>();

    /**
     * @param learningRate the initial learning rate, positive
     * @throws IllegalArgumentException if it is not positive and finite
     */
    protected Optimizer(double learningRate) {
        this.schedule = null;
        learningRate(learningRate);
    }

    /**
     * @param schedule the learning rate as a function of the step count
     * @throws NullPointerException if it is null
     */
    protected Optimizer(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new NullPointerException(getClass().getSimpleName() + ": the learning-rate schedule is null");
        }
        this.schedule = schedule;
    }

    /** @return Keras's name of the algorithm, e.g. {@code "adam"} */
    public abstract String name();

    /**
     * The per-weight slots the algorithm's update keeps, such as Adam's {@code [m, v]}; the base
     * adds its own ({@code average} with {@link #useEma}) after them in {@link #slotNames()}.
     *
     * @return the slot names, in the order {@link #update} receives them
     */
    protected abstract List<String> ownSlotNames();

    /**
     * One update of elements {@code from} to {@code to} of one weight, in place. Every Keras
     * optimizer is elementwise, so {@link #apply} cuts large weights into fixed ranges and
     * updates them on {@link Parallel}'s threads; an update must read and write only its range
     * of {@code w}, {@code g} and the slots.
     *
     * @param w the weight's values (modified)
     * @param g its gradient, already clipped (not modified)
     * @param slots the weight's own slots, in {@link #ownSlotNames()} order (modified)
     * @param lr the learning rate
     * @param step the 1-based number of this update step
     * @param from the first element to update
     * @param to one past the last
     */
    protected abstract void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to);

    /**
     * The value a slot starts at (Keras's initializer for it); 0 unless overridden, as for
     * Adagrad's accumulator.
     *
     * @param slot one of {@link #ownSlotNames()}
     * @return its initial value
     */
    protected double initialSlotValue(String slot) {
        return 0;
    }

    /**
     * Runs once per step on the calling thread, before any weight's update: the place for state
     * shared by all weights, such as Nadam's product of momentum factors. Does nothing unless overridden.
     *
     * @param step the 1-based number of the step about to run
     */
    protected void beginStep(long step) {
    }

    /**
     * The per-weight slots, as {@link #variables()} lists them for each weight: the algorithm's
     * own ({@link #ownSlotNames()}), then {@code average} with {@link #useEma}.
     *
     * @return the slot names
     */
    public final List<String> slotNames() {
        List<String> names = new ArrayList<>(ownSlotNames());
        if (useEma) {
            names.add(AVERAGE);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The learning rate of the next step: the schedule's value at {@link #iterations()}, or the
     * constant rate.
     *
     * @return the current learning rate
     */
    public double learningRate() {
        return schedule == null ? learningRate : schedule.at(iterations);
    }

    /**
     * Sets the learning rate, e.g. from a callback such as {@code ReduceLROnPlateau}.
     *
     * @param lr the new learning rate, positive and finite
     * @throws IllegalArgumentException if it is not, echoing the value
     * @throws IllegalStateException if the optimizer was given a {@link LearningRateSchedule},
     *     whose rate cannot be set (as in Keras)
     */
    public final void learningRate(double lr) {
        if (schedule != null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": this optimizer was created with the learning-rate"
                    + " schedule " + schedule + ", hence its learning rate is not settable (received " + lr + "); give it a"
                    + " number instead of a schedule if a callback is to change the rate");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": the learning rate must be positive and finite. Received: learningRate=" + lr);
        }
        learningRate = lr;
    }

    /**
     * Decoupled weight decay, Keras's {@code weight_decay}: before each update, every weight with
     * a gradient shrinks by {@code w -= w * weightDecay * lr}. Off by default (except in
     * {@link AdamW}).
     *
     * @param value the decay, not negative
     * @return this optimizer
     * @throws IllegalArgumentException if it is negative or not finite
     */
    public Optimizer weightDecay(double value) {
        weightDecay = check("weightDecay", value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
        return this;
    }

    /**
     * Clips each gradient to a norm, Keras's {@code clipnorm}:
     * {@code g * clipnorm / max(||g||, clipnorm)}. At most one of {@code clipnorm},
     * {@code clipvalue} and {@code globalClipnorm} can be set.
     *
     * @param value the largest norm, positive
     * @return this optimizer
     * @throws IllegalArgumentException if it is not positive and finite, or another clipping is set
     */
    public Optimizer clipnorm(double value) {
        return clip(GradientClipping.Kind.NORM, "clipnorm", value);
    }

    /**
     * Clips each gradient element to {@code [-clipvalue, clipvalue]}, Keras's {@code clipvalue}.
     * At most one of {@code clipnorm}, {@code clipvalue} and {@code globalClipnorm} can be set.
     *
     * @param value the largest magnitude, positive
     * @return this optimizer
     * @throws IllegalArgumentException if it is not positive and finite, or another clipping is set
     */
    public Optimizer clipvalue(double value) {
        return clip(GradientClipping.Kind.VALUE, "clipvalue", value);
    }

    /**
     * Clips all gradients together so that their global norm is at most {@code value}, Keras's
     * {@code global_clipnorm}. At most one of {@code clipnorm}, {@code clipvalue} and
     * {@code globalClipnorm} can be set.
     *
     * @param value the largest global norm, positive
     * @return this optimizer
     * @throws IllegalArgumentException if it is not positive and finite, or another clipping is set
     */
    public Optimizer globalClipnorm(double value) {
        return clip(GradientClipping.Kind.GLOBAL_NORM, "globalClipnorm", value);
    }

    private Optimizer clip(GradientClipping.Kind kind, String name, double value) {
        check(name, value, value > 0 && value < Double.POSITIVE_INFINITY, "positive and finite");
        if (clipping != null && clipping.kind != kind) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": only one of clipnorm, clipvalue and"
                    + " globalClipnorm can be set. Received: " + name + "=" + value + " after " + clipping.kind.key + "="
                    + clipping.limit);
        }
        clipping = new GradientClipping(kind, value);
        return this;
    }

    /**
     * Keeps an exponential moving average of the weights, Keras's {@code use_ema}: after each
     * step {@code average = emaMomentum * average + (1 - emaMomentum) * w} (the first step copies
     * the weights). The averages are slots named {@code average}; they replace the weights every
     * {@link #emaOverwriteFrequency} steps, or when {@link #finalizeVariableValues} is called.
     * Set before the first step.
     *
     * @param on whether to keep the average (default false)
     * @return this optimizer
     * @throws IllegalStateException after the first step, when the slots exist
     */
    public Optimizer useEma(boolean on) {
        checkNoSlotsYet("useEma");
        useEma = on;
        return this;
    }

    /**
     * The momentum of the weights' moving average, Keras's {@code ema_momentum}.
     *
     * @param value the momentum, in {@code [0, 1]} (default 0.99); used with {@link #useEma}
     * @return this optimizer
     * @throws IllegalArgumentException if it is out of range
     */
    public Optimizer emaMomentum(double value) {
        emaMomentum = check("emaMomentum", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * How often the moving average replaces the weights, Keras's {@code ema_overwrite_frequency}.
     *
     * @param steps the number of steps between copies, at least 1 (default:
     *     never during training, only by {@link #finalizeVariableValues}); used with {@link #useEma}
     * @return this optimizer
     * @throws IllegalArgumentException if it is less than 1
     */
    public Optimizer emaOverwriteFrequency(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": emaOverwriteFrequency must be at least 1. Received: emaOverwriteFrequency=" + steps);
        }
        emaOverwriteFrequency = steps;
        return this;
    }

    /**
     * The settings, as Keras's {@code get_config()}, under Keras's names: {@code learning_rate}
     * (the current rate, or the schedule as {@code {"class_name": ..., "config": {...}}}),
     * {@code weight_decay}, {@code clipnorm}, {@code global_clipnorm}, {@code clipvalue},
     * {@code use_ema}, {@code ema_momentum}, {@code ema_overwrite_frequency} ({@code null} when
     * off), then each algorithm's own. The iteration count and slots are state, not settings.
     *
     * @return a new config
     */
    public Config getConfig() {
        Config config = Config.of(getClass().getSimpleName());
        config.put("learning_rate", schedule == null ? (Object) learningRate : LearningRateSchedules.serialize(schedule));
        config.put("weight_decay", weightDecay);
        for (GradientClipping.Kind kind : GradientClipping.Kind.values()) {
            config.put(kind.key, clipping != null && clipping.kind == kind ? (Double) clipping.limit : null);
        }
        config.put("use_ema", useEma);
        config.put("ema_momentum", emaMomentum);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
        return config;
    }

    /**
     * Creates an optimizer from a config's learning rate and applies the settings every optimizer
     * shares; the {@code fromConfig} of each algorithm starts here, then reads its own settings.
     * Keras's {@code name} is accepted and ignored; {@code loss_scale_factor} and
     * {@code gradient_accumulation_steps}, which Lepton does not implement, must be absent or null.
     *
     * @param config the settings, as {@link #getConfig()} writes them
     * @param defaultRate the learning rate when the config has none
     * @param withRate the algorithm's constructor taking a rate
     * @param withSchedule the algorithm's constructor taking a schedule
     * @param <S> the algorithm
     * @return the new optimizer, with the shared settings applied
     * @throws ConfigException if a setting is of the wrong type or unsupported
     * @throws IllegalArgumentException if a value is out of range
     */
    protected static <S extends Optimizer> S fromBaseConfig(Config config, double defaultRate, DoubleFunction<S> withRate,
            Function<LearningRateSchedule, S> withSchedule) {
        config.markRead("name");
        for (String unsupported : new String[] {"loss_scale_factor", "gradient_accumulation_steps"}) {
            if (config.get(unsupported) != null) {
                throw new ConfigException(config.owner() + ": setting '" + unsupported + "' is not supported by Lepton."
                        + " Received: " + config.get(unsupported));
            }
        }
        S optimizer = config.get("learning_rate") instanceof Config schedule
                ? withSchedule.apply(LearningRateSchedules.deserialize(schedule))
                : withRate.apply(config.getDouble("learning_rate", defaultRate));
        if (config.get("weight_decay") != null) {
            optimizer.weightDecay(config.getDouble("weight_decay"));
        }
        if (config.get("clipnorm") != null) {
            optimizer.clipnorm(config.getDouble("clipnorm"));
        }
        if (config.get("global_clipnorm") != null) {
            optimizer.globalClipnorm(config.getDouble("global_clipnorm"));
        }
        if (config.get("clipvalue") != null) {
            optimizer.clipvalue(config.getDouble("clipvalue"));
        }
        optimizer.useEma(config.getBoolean("use_ema", false));
        optimizer.emaMomentum(config.getDouble("ema_momentum", 0.99));
        if (config.get("ema_overwrite_frequency") != null) {
            optimizer.emaOverwriteFrequency(config.getInt("ema_overwrite_frequency"));
        }
        return optimizer;
    }

    /** @return the number of update steps applied so far */
    public long iterations() {
        return iterations;
    }

    /**
     * Sets the number of steps taken, e.g. when restoring a saved optimizer.
     *
     * @param steps a count, not negative
     */
    public void iterations(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException(name() + ": iterations must not be negative. Received: " + steps);
        }
        iterations = steps;
    }

    /**
     * Creates the slots, at their initial values, for weights not seen before, in the given order
     * (Keras's {@code optimizer.build(var_list)}); {@link #apply} calls it, and a model calls it
     * first so that the slot order is the model's weight order.
     *
     * @param trainable the live weights (not modified)
     */
    public void build(List<Tensor> trainable) {
        List<String> names = slotNames();
        int own = ownSlotNames().size();
        for (Tensor w : trainable) {
            if (!slots.containsKey(w)) {
                double[][] s = new double[names.size()][w.size()];
                for (int i = 0; i < own; i++) {
                    Arrays.fill(s[i], initialSlotValue(names.get(i)));
                }
                slots.put(w, s);
                weights.add(w);
            }
        }
    }

    /**
     * Applies one update step to every weight that has a gradient, then counts the step.
     *
     * @param trainable the live weights (modified in place)
     */
    public void apply(List<Tensor> trainable) {
        List<double[]> gradients = new ArrayList<>(trainable.size());
        for (Tensor w : trainable) {
            gradients.add(Storage.grad(w));
        }
        step(trainable, gradients);
    }

    /**
     * Applies one update step with gradients computed elsewhere (Keras's
     * {@code optimizer.apply(grads, trainable_variables)}), e.g. summed over the parts of a batch
     * trained on several machines, then counts the step. The weights' own {@link Tensor#grad()}
     * is not read. With the gradients {@link #apply(List)} would read, the step is the same bit
     * for bit.
     *
     * <pre>{@code
     * Batch batch = new Batch(x, y);
     * List<Tensor> weights = model.trainableWeights();
     * model.computeLoss(batch, true, model.newLogs(batch)).backward();
     * List<Tensor> gradients = new ArrayList<>();
     * for (Tensor w : weights) {
     *     gradients.add(w.grad());   // e.g. summed with other machines' gradients
     *     w.zeroGrad();
     * }
     * model.optimizer().apply(weights, gradients);
     * }</pre>
     *
     * @param trainable the live weights (modified in place)
     * @param gradients one gradient per weight, in the same order and shapes (not modified)
     * @throws ShapeException if the counts or a shape differ, before any weight changes
     */
    public void apply(List<Tensor> trainable, List<Tensor> gradients) {
        if (gradients.size() != trainable.size()) {
            throw new ShapeException(name() + ".apply: " + trainable.size() + " weights, received " + gradients.size()
                    + " gradients");
        }
        List<double[]> arrays = new ArrayList<>(gradients.size());
        for (int i = 0; i < trainable.size(); i++) {
            if (!Shapes.equal(Storage.shape(trainable.get(i)), Storage.shape(gradients.get(i)))) {
                throw new ShapeException(name() + ".apply: weight " + i + " has shape "
                        + Shapes.format(Storage.shape(trainable.get(i))) + ", its gradient "
                        + Shapes.format(Storage.shape(gradients.get(i))));
            }
            arrays.add(Storage.data(gradients.get(i)));
        }
        step(trainable, arrays);
    }

    /** One step in Keras's order (see the class comment); {@code null} gradients leave their weight to the EMA alone. */
    private void step(List<Tensor> trainable, List<double[]> gradients) {
        build(trainable);
        long step = iterations + 1;
        double lr = learningRate();
        double[] clipFactors = clipping == null ? null : clipping.factors(gradients);
        beginStep(step);
        for (int i = 0; i < trainable.size(); i++) {
            double[] g = gradients.get(i);
            if (g != null) {
                Tensor w = trainable.get(i);
                updateWeight(Storage.data(w), g, slots.get(w), lr, step, clipFactors == null ? 0 : clipFactors[i]);
            }
        }
        iterations = step;
        if (useEma) {
            updateAverages(trainable, step);
        }
    }

    /** Clips, decays and updates one weight, its elements cut into fixed ranges run on {@link Parallel}'s threads. */
    private void updateWeight(double[] w, double[] g, double[][] weightSlots, double lr, long step, double clipFactor) {
        double[][] own = useEma ? Arrays.copyOf(weightSlots, weightSlots.length - 1) : weightSlots;
        GradientClipping clip = clipping;
        double[] clipped = clip == null ? g : new double[g.length];
        boolean decay = weightDecay != null;
        double wd = decay ? weightDecay : 0;
        Parallel.forRange(w.length, UPDATE_GRAIN, (from, to) -> {
            if (clip != null) {
                clip.clip(g, clipped, clipFactor, from, to);
            }
            if (decay) {
                for (int i = from; i < to; i++) {
                    w[i] = w[i] - w[i] * wd * lr;
                }
            }
            update(w, clipped, own, lr, step, from, to);
        });
    }

    /** Keras's moving average of the weights, after the step; the first step copies the weights. */
    private void updateAverages(List<Tensor> trainable, long step) {
        double momentum = step == 1 ? 0.0 : emaMomentum;
        boolean overwrite = emaOverwriteFrequency != null && step % emaOverwriteFrequency == 0;
        for (Tensor weight : trainable) {
            double[] w = Storage.data(weight);
            double[][] s = slots.get(weight);
            double[] average = s[s.length - 1];
            Parallel.forRange(w.length, UPDATE_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    average[i] = momentum * average[i] + (1 - momentum) * w[i];
                    if (overwrite) {
                        w[i] = average[i];
                    }
                }
            });
        }
    }

    /**
     * Copies the moving averages into the weights, Keras's {@code finalize_variable_values}, which
     * Keras's {@code fit} calls after the last epoch. Does nothing without {@link #useEma} or
     * before the first step (when there is no average yet).
     *
     * @param trainable the live weights the optimizer was built with (modified in place)
     * @throws IllegalArgumentException if a weight is not one the optimizer has seen
     */
    public void finalizeVariableValues(List<Tensor> trainable) {
        if (!useEma || iterations == 0) {
            return;
        }
        for (Tensor weight : trainable) {
            double[][] s = slots.get(weight);
            if (s == null) {
                throw new IllegalArgumentException(name() + ".finalizeVariableValues: a weight of shape "
                        + Shapes.format(Storage.shape(weight)) + " is not one this optimizer was built with");
            }
            double[] average = s[s.length - 1];
            System.arraycopy(average, 0, Storage.data(weight), 0, average.length);
        }
    }

    /**
     * The weights this optimizer keeps slots for, in the order first seen: the order of
     * {@link #variables()}.
     *
     * @return the live weights (the list cannot be changed)
     */
    public List<Tensor> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * The slots, for saving: for each weight in the order first seen, each slot in
     * {@link #slotNames()} order, as a copy shaped like its weight.
     *
     * @return copies of the slot values
     */
    public List<Tensor> variables() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor w : weights) {
            for (double[] s : slots.get(w)) {
                out.add(Tensor.of(s, w.shape()));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Restores the slots saved by {@link #variables()}; {@link #build} must have run with the
     * same weights.
     *
     * @param values one tensor per slot, in {@link #variables()}'s order (copied in)
     * @throws ShapeException if the count or a shape differs
     */
    public void setVariables(List<Tensor> values) {
        int expected = weights.size() * slotNames().size();
        if (values.size() != expected) {
            throw new ShapeException(name() + ": expected " + expected + " slot values (" + weights.size() + " weights x "
                    + slotNames() + "), received " + values.size());
        }
        int i = 0;
        for (Tensor w : weights) {
            for (double[] s : slots.get(w)) {
                Tensor v = values.get(i++);
                if (!Shapes.equal(v.shape(), w.shape())) {
                    throw new ShapeException(name() + ": slot " + (i - 1) + " has shape " + Shapes.format(v.shape())
                            + ", expected " + Shapes.format(w.shape()));
                }
                System.arraycopy(Storage.data(v), 0, s, 0, s.length);
            }
        }
    }

    /**
     * Guards settings that change the slot layout, which cannot change once slots exist.
     *
     * @param setting the setting's name, for the message
     * @throws IllegalStateException if {@link #build} has already made slots
     */
    protected final void checkNoSlotsYet(String setting) {
        if (!weights.isEmpty()) {
            throw new IllegalStateException(getClass().getSimpleName() + ": set " + setting
                    + " before the first update step; the optimizer already keeps slots for " + weights.size() + " weights");
        }
    }

    /**
     * Checks a hyper-parameter's range.
     *
     * @param name the setting, for the message
     * @param value the value received
     * @param ok whether it is acceptable
     * @param rule the rule, in words
     * @return {@code value}
     * @throws IllegalArgumentException if it is not acceptable, naming the optimizer, setting and value
     */
    protected final double check(String name, double value, boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " must be " + rule
                    + ". Received: " + name + "=" + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return name() + "(learningRate=" + (schedule == null ? learningRate : schedule) + ", iterations=" + iterations + ")";
    }
}
