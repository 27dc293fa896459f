package ai.lepton.layers;

import ai.lepton.autograd.Concat;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins its inputs along one axis, as Keras's {@code Concatenate(axis=-1)}: every other dimension
 * must agree. As in Keras, axis {@code -1} is the last axis and positive axes count the batch as
 * axis 0. No weights.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.shape(8);
 * SymbolicTensor b = Input.shape(4);
 * SymbolicTensor both = new Concatenate().apply(a, b);   // (None, 12)
 * }</pre>
 */
public final class Concatenate extends Layer {
    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /**
     * @param axis the axis to join along, Keras-style: {@code -1} is the last, {@code 1} the first
     *        after the batch; the batch axis 0 cannot be joined
     * @throws IllegalArgumentException if {@code axis} is 0
     */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate: cannot join along the batch axis 0. Received: axis=0");
        }
        this.axis = axis;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Concatenate fromConfig(Config config) {
        return new Concatenate(config.getInt("axis", -1));
    }

    /** The axis within one example's shape of the given rank. */
    private int exampleAxis(int rank) {
        int a = axis < 0 ? rank + axis : axis - 1;
        if (a < 0 || a >= rank) {
            throw new ShapeException(describe() + ": axis " + axis + " is out of range for inputs of rank " + (rank + 1)
                    + " (batch included)");
        }
        return a;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException(describe() + " takes at least 2 inputs, received " + inputShapes.size());
        }
        int[] first = inputShapes.get(0);
        int a = exampleAxis(first.length);
        int[] out = first.clone();
        out[a] = 0;
        for (int[] s : inputShapes) {
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) {
                fits = d == a || s[d] == first[d];
            }
            if (!fits) {
                throw new ShapeException(describe() + ": inputs of shapes " + formatShapes(inputShapes)
                        + " differ outside the concatenation axis " + axis);
            }
            out[a] += s[a];
        }
        return List.of(out);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /**
     * Keras's concatenation mask: each input's mask spread over its last axis (all real without a
     * mask), joined along the axis, then a step is real where any of its values is.
     *
     * @param inputs the layer's inputs
     * @return the mask, the output's shape without its last axis, or {@code null} if no input has one
     * @throws ShapeException naming the layer if a mask does not fit its input
     */
    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        if (inputs.stream().allMatch(in -> Storage.mask(in) == null)) {
            return null;
        }
        List<Tensor> spread = new ArrayList<>();
        for (Tensor in : inputs) {
            int[] shape = Storage.shape(in);
            Tensor m = Storage.mask(in);
            if (m == null) {
                spread.add(Tensor.ones(shape));
                continue;
            }
            int[] column = shape.clone();
            column[column.length - 1] = 1;
            if (!Shapes.equal(Storage.shape(m), Arrays.copyOf(shape, shape.length - 1))) {
                throw new ShapeException(describe() + ": a mask of shape " + Shapes.format(Storage.shape(m))
                        + " does not fit its input of shape " + Shapes.format(shape));
            }
            spread.add(m.reshape(column).mul(Tensor.ones(shape)));
        }
        return Concat.apply(spread, exampleAxis(inputs.get(0).rank() - 1) + 1).max(-1, false);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return List.of(Concat.apply(inputs, exampleAxis(inputs.get(0).rank() - 1) + 1));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("axis", axis);
    }

    @Override
    public Concatenate inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Concatenate name(String layerName) {
        super.name(layerName);
        return this;
    }
}
