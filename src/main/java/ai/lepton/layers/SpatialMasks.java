package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The masks of the spatial dropouts: one draw per example and channel, broadcast over the other
 * axes, as Keras's {@code noise_shape} of {@code (batch, 1, channels)} or
 * {@code (batch, 1, 1, channels)}.
 */
final class SpatialMasks {
    private SpatialMasks() {
    }

    /**
     * @param layer the layer, for the message
     * @param inputShape the per-example input shape
     * @param rank the per-example rank the layer takes
     * @param layout the batched layout, for the message
     * @throws ShapeException naming the layer and the shape if the rank differs
     */
    static void requireRank(Layer layer, int[] inputShape, int rank, String layout) {
        if (inputShape.length != rank) {
            throw new ShapeException(layer.describe() + ": expected inputs " + layout + " of rank " + (rank + 1) + ", received "
                    + Shapes.formatBatched(inputShape));
        }
    }

    /**
     * Drops whole channels: {@code y = x * m} with one {@code m} of 0 or {@code 1 / (1 - rate)}
     * per example and channel.
     *
     * @param x the batch
     * @param rate the drop probability
     * @param random the generator of this call's mask (advanced)
     * @param channelAxis the channel axis of {@code x}
     * @return the masked batch
     */
    static Tensor drop(Tensor x, double rate, SplittableRandom random, int channelAxis) {
        int[] shape = Storage.shape(x);
        int[] maskShape = new int[shape.length];
        Arrays.fill(maskShape, 1);
        maskShape[0] = shape[0];
        maskShape[channelAxis] = shape[channelAxis];
        double scale = 1.0 / (1.0 - rate);
        double[] mask = new double[shape[0] * shape[channelAxis]];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() >= rate ? scale : 0.0;
        }
        return x.mul(Storage.wrap(mask, maskShape));
    }
}
