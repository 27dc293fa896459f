package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * A stateful metric, as Keras's {@code keras.metrics.Metric}: it accumulates over the batches of
 * an epoch with {@link #update}, reports with {@link #result}, and starts over with
 * {@link #reset}. Batches count in proportion to their size, so the result over an epoch is the
 * value over all its examples.
 *
 * <pre>{@code
 * Metric accuracy = new CategoricalAccuracy("accuracy");
 * for (Batch b : batches) accuracy.update(b.y(), model.predict(b.x()));
 * double value = accuracy.result();
 * }</pre>
 */
public abstract class Metric {
    private final String name;

    /**
     * @param name the metric's name, the key it is reported under (e.g. {@code "accuracy"})
     */
    protected Metric(String name) {
        this.name = name;
    }

    /** @return the key this metric is reported under */
    public final String name() {
        return name;
    }

    /**
     * Adds one batch. Keep numbers, not the tensors: during {@code fit} their arrays may be
     * reused by the next training step (see {@link ai.lepton.autograd.StepArena}).
     *
     * @param yTrue the batch's labels (not modified)
     * @param yPred the batch's predictions, probabilities after the model's final activation (not modified)
     */
    public abstract void update(Tensor yTrue, Tensor yPred);

    /** @return the value over everything since the last {@link #reset} (0 before any update) */
    public abstract double result();

    /**
     * Every value the metric reports, for the metrics that report several when so configured
     * (one per threshold, class or output, where Keras's {@code result()} is a vector); the others
     * report {@link #result()} alone.
     *
     * @return a new array
     */
    public double[] results() {
        return new double[] {result()};
    }

    /**
     * The settings, as Keras's {@code get_config()}: the name, and each metric's options under
     * Keras's keys. A metric class's registered factory ({@link Metrics#register}) reads them
     * back, which is how a model makes a fresh copy of a metric object given to {@code compile}.
     *
     * @return a new config
     */
    public Config getConfig() {
        return Config.of(getClass().getSimpleName()).put("name", name);
    }

    /** Forgets every batch seen. */
    public abstract void reset();

    /**
     * The accumulated state, as Keras's metric variables: counts and sums that add up over parts
     * of the data. Metrics updated on parts of an epoch (e.g. on several machines) combine by
     * {@link #merge merging} their states.
     *
     * @return a new array
     */
    public abstract double[] state();

    /**
     * Adds another metric's {@link #state()} to this one's: afterwards this metric reports what
     * it would have if it had seen both parts' batches.
     *
     * @param other the state of a metric of the same kind (not modified)
     * @throws IllegalArgumentException if the state has another length
     */
    public abstract void merge(double[] other);

    /**
     * Checks a state's length before merging.
     *
     * @param other the state received
     * @param length the length this metric's state has
     * @throws IllegalArgumentException if they differ
     */
    protected final void checkState(double[] other, int length) {
        if (other.length != length) {
            throw new IllegalArgumentException(name + ": cannot merge a state of " + other.length + " values into one of "
                    + length);
        }
    }

    @Override
    public String toString() {
        return name + ": " + result();
    }
}
