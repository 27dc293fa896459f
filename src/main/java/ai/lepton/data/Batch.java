package ai.lepton.data;

import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * One mini-batch: the inputs and targets of the same {@code b} examples, one tensor per model
 * input and per model output (a single one each for a plain model), and optionally their sample
 * weights, as the third element of a Keras batch {@code (x, y, sample_weight)}.
 *
 * <p>Each input is {@code (b, ...)}, the per-example shape with {@code b} rows; each target is
 * {@code (b,)} class indices, {@code (b, numClasses)} one-hot rows or {@code (b, 1)} regression
 * targets, as in the dataset. The weights are {@code (b,)} (or, for losses per time step,
 * {@code (b, steps)}): each example's loss is multiplied by its weight, for every output.
 *
 * <pre>{@code
 * for (Batch b : batches) {
 *     Tensor x = b.x();              // the only input, (b, ...)
 *     Tensor y = b.y();              // the only target
 *     Tensor w = b.sampleWeight();   // (b,), or null when the data carry no weights
 * }
 * }</pre>
 *
 * @param xs the inputs, in the model's input order
 * @param ys the targets, in the model's output order
 * @param sampleWeight the examples' weights, {@code (b, ...)}, finite and not negative, or {@code null} for none
 */
public record Batch(List<Tensor> xs, List<Tensor> ys, Tensor sampleWeight) {
    /**
     * Checks the parts and makes the lists unmodifiable.
     *
     * @param xs the inputs, at least one
     * @param ys the targets (may be empty for inference)
     * @param sampleWeight the weights, one row per example, or {@code null}
     * @throws IllegalArgumentException if there is no input, or the weights have another number of
     *         rows or a negative or non-finite value
     */
    public Batch {
        xs = List.copyOf(xs);
        ys = List.copyOf(ys);
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("Batch: a batch needs at least one input");
        }
        if (sampleWeight != null) {
            Tensor first = xs.get(0);
            SampleWeights.check("Batch", sampleWeight, first.rank() == 0 ? 0 : first.shape()[0]);
        }
    }

    /**
     * A batch without sample weights.
     *
     * @param xs the inputs, at least one
     * @param ys the targets (may be empty for inference)
     */
    public Batch(List<Tensor> xs, List<Tensor> ys) {
        this(xs, ys, null);
    }

    /**
     * A batch of one input and one target.
     *
     * @param x the inputs, {@code (b, ...)}
     * @param y the targets, {@code (b, ...)}
     */
    public Batch(Tensor x, Tensor y) {
        this(List.of(x), List.of(y), null);
    }

    /**
     * @param weights the examples' weights, one row per example, or {@code null} for none
     * @return a batch of the same inputs and targets with these weights
     * @throws IllegalArgumentException if the weights have another number of rows or a negative or non-finite value
     */
    public Batch withSampleWeight(Tensor weights) {
        return new Batch(xs, ys, weights);
    }

    /**
     * @return the only input
     * @throws IllegalStateException if the batch has several inputs
     */
    public Tensor x() {
        if (xs.size() != 1) {
            throw new IllegalStateException("Batch.x(): the batch has " + xs.size() + " inputs; use xs()");
        }
        return xs.get(0);
    }

    /**
     * @return the only target
     * @throws IllegalStateException if the batch has no target or several
     */
    public Tensor y() {
        if (ys.size() != 1) {
            throw new IllegalStateException("Batch.y(): the batch has " + ys.size() + " targets; use ys()");
        }
        return ys.get(0);
    }

    /** @return the number of examples, {@code b} */
    public int size() {
        return xs.get(0).shape()[0];
    }
}
