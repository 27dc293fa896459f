package ai.lepton.metrics;

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

    /** Forgets every batch seen. */
    public abstract void reset();

    @Override
    public String toString() {
        return name + ": " + result();
    }
}
