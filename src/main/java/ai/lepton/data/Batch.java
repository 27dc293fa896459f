package ai.lepton.data;

import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * One mini-batch: the inputs and targets of the same {@code b} examples, one tensor per model
 * input and per model output (a single one each for a plain model).
 *
 * <p>Each input is {@code (b, ...)}, the per-example shape with {@code b} rows; each target is
 * {@code (b,)} class indices, {@code (b, numClasses)} one-hot rows or {@code (b, 1)} regression
 * targets, as in the dataset.
 *
 * <pre>{@code
 * for (Batch b : batches) {
 *     Tensor x = b.x();   // the only input, (b, ...)
 *     Tensor y = b.y();   // the only target
 * }
 * }</pre>
 *
 * @param xs the inputs, in the model's input order
 * @param ys the targets, in the model's output order
 */
public record Batch(List<Tensor> xs, List<Tensor> ys) {
    /**
     * Checks the parts and makes the lists unmodifiable.
     *
     * @param xs the inputs, at least one
     * @param ys the targets (may be empty for inference)
     */
    public Batch {
        xs = List.copyOf(xs);
        ys = List.copyOf(ys);
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("Batch: a batch needs at least one input");
        }
    }

    /**
     * A batch of one input and one target.
     *
     * @param x the inputs, {@code (b, ...)}
     * @param y the targets, {@code (b, ...)}
     */
    public Batch(Tensor x, Tensor y) {
        this(List.of(x), List.of(y));
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
