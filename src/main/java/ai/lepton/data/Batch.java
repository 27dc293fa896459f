package ai.lepton.data;

import ai.lepton.tensor.Tensor;

/**
 * One mini-batch from a {@link DataLoader}: inputs and targets for the same samples.
 *
 * <p>{@code x} is {@code (b, ...)}, the dataset's per-sample shape with {@code b} rows;
 * {@code y} is {@code (b,)} class indices, {@code (b, numClasses)} one-hot rows or
 * {@code (b, 1)} regression targets, as in the dataset.
 *
 * @param x the inputs, {@code (b, ...)}
 * @param y the targets, {@code (b, ...)}
 */
public record Batch(Tensor x, Tensor y) {
}
