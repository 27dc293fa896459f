package ai.lepton.optimizers;

import ai.lepton.kernels.Parallel;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every optimizer, as Keras's {@code keras.optimizers.Optimizer}: it keeps the
 * bookkeeping (the iteration count, the learning rate, and per-weight slots such as Adam's
 * moments, keyed by the weight tensor's identity in the order the weights were first seen) and
 * each algorithm overrides one update step over raw arrays.
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

    private double learningRate;
    private long iterations;
    private final List<Tensor> weights = new ArrayList<>();
    private final Map<Tensor, double[][]> slots = new IdentityHashMap<>();

    /**
     * @param learningRate the initial learning rate, positive
     * @throws IllegalArgumentException if it is not positive and finite
     */
    protected Optimizer(double learningRate) {
        learningRate(learningRate);
    }

    /** @return Keras's name of the algorithm, e.g. {@code "adam"} */
    public abstract String name();

    /** @return the names of the per-weight slots this algorithm keeps, e.g. {@code [m, v]} */
    public abstract List<String> slotNames();

    /**
     * One update of elements {@code from} to {@code to} of one weight, in place. Every Keras
     * optimizer is elementwise, so {@link #apply} cuts large weights into fixed ranges and
     * updates them on {@link Parallel}'s threads; an update must read and write only its range
     * of {@code w}, {@code g} and the slots.
     *
     * @param w the weight's values (modified)
     * @param g its gradient (not modified)
     * @param slots the weight's slots, in {@link #slotNames()} order (modified)
     * @param lr the learning rate
     * @param step the 1-based number of this update step
     * @param from the first element to update
     * @param to one past the last
     */
    protected abstract void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to);

    /** @return the current learning rate */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate, e.g. from a scheduler.
     *
     * @param lr the new learning rate, positive and finite
     * @throws IllegalArgumentException otherwise, echoing the value
     */
    public final void learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": the learning rate must be positive and finite. Received: learningRate=" + lr);
        }
        learningRate = lr;
    }

    /**
     * The settings, as Keras's {@code get_config()}: the current learning rate and each
     * algorithm's hyper-parameters under Keras's names. Saving a model writes them; loading gives
     * them back to the constructor and setters. The iteration count and slots are state, not settings.
     *
     * @return an ordered map of setting name to value (numbers and booleans)
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learning_rate", learningRate);
        return config;
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
     * Creates zero slots for weights not seen before, in the given order (Keras's
     * {@code optimizer.build(var_list)}); {@link #apply} calls it, and a model calls it first so
     * that the slot order is the model's weight order.
     *
     * @param trainable the live weights (not modified)
     */
    public void build(List<Tensor> trainable) {
        for (Tensor w : trainable) {
            if (!slots.containsKey(w)) {
                double[][] s = new double[slotNames().size()][w.size()];
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
        build(trainable);
        long step = iterations + 1;
        for (Tensor w : trainable) {
            double[] g = Storage.grad(w);
            if (g != null) {
                updateWeight(Storage.data(w), g, slots.get(w), step);
            }
        }
        iterations = step;
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
        for (int i = 0; i < trainable.size(); i++) {
            if (!Shapes.equal(Storage.shape(trainable.get(i)), Storage.shape(gradients.get(i)))) {
                throw new ShapeException(name() + ".apply: weight " + i + " has shape "
                        + Shapes.format(Storage.shape(trainable.get(i))) + ", its gradient "
                        + Shapes.format(Storage.shape(gradients.get(i))));
            }
        }
        build(trainable);
        long step = iterations + 1;
        for (int i = 0; i < trainable.size(); i++) {
            Tensor w = trainable.get(i);
            updateWeight(Storage.data(w), Storage.data(gradients.get(i)), slots.get(w), step);
        }
        iterations = step;
    }

    /** Updates one weight, its elements cut into fixed ranges run on {@link Parallel}'s threads. */
    private void updateWeight(double[] w, double[] g, double[][] weightSlots, long step) {
        double lr = learningRate;
        Parallel.forRange(w.length, UPDATE_GRAIN, (from, to) -> update(w, g, weightSlots, lr, step, from, to));
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
        return name() + "(learningRate=" + learningRate + ", iterations=" + iterations + ")";
    }
}
