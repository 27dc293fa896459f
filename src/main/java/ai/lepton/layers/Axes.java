package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import java.util.Arrays;

/**
 * Keras's axis arguments, which count the batch as axis 0 ({@code axis=-1} is the last axis,
 * {@code axis=1} the first after the batch), turned into axes of one example's shape, with the
 * error a layer gives when an axis does not fit its input.
 */
final class Axes {
    private Axes() {
    }

    /**
     * @param layer the layer, for the message
     * @param axis a Keras axis; the batch axis is refused
     * @param exampleShape the per-example input shape
     * @return the axis within one example's shape, {@code 0 <= a < exampleShape.length}
     * @throws ShapeException naming the layer, the axis and the input shape if it is out of range or the batch axis
     */
    static int ofExample(Layer layer, int axis, int[] exampleShape) {
        int rank = exampleShape.length;
        int a = axis < 0 ? rank + axis : axis - 1;
        if (a < 0 || a >= rank) {
            throw new ShapeException(layer.describe() + ": axis " + axis + " is out of range for input shape "
                    + Shapes.formatBatched(exampleShape) + (axis == 0 || axis == -rank - 1 ? " (axis 0 is the batch)" : "")
                    + ". Received: axis=" + axis);
        }
        return a;
    }

    /**
     * Several Keras axes at once.
     *
     * @param layer the layer, for the message
     * @param axes Keras axes, distinct once resolved
     * @param exampleShape the per-example input shape
     * @return the axes within one example's shape, sorted
     * @throws ShapeException if one is out of range or two name the same axis
     */
    static int[] ofExample(Layer layer, int[] axes, int[] exampleShape) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = ofExample(layer, axes[i], exampleShape);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new ShapeException(layer.describe() + ": axis " + Arrays.toString(axes) + " names an axis twice for input shape "
                        + Shapes.formatBatched(exampleShape));
            }
        }
        return out;
    }
}
