package ai.lepton.layers;

import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * The base of the layers that combine several inputs of one shape elementwise ({@link Add},
 * {@link Subtract}, {@link Multiply}, {@link Average}, {@link Maximum}, {@link Minimum}), as
 * Keras's {@code Merge}: the inputs' shapes must agree, or broadcast (a dimension of 1 stretches).
 *
 * <pre>{@code
 * SymbolicTensor left = Input.shape(8);
 * SymbolicTensor right = Input.shape(8);
 * SymbolicTensor sum = new Add().apply(left, right);
 * }</pre>
 */
public abstract class Merge extends Layer {
    /** For subclasses. */
    protected Merge() {
    }

    /** @return the fewest inputs the layer takes (2) */
    protected int minInputs() {
        return 2;
    }

    /** @return the most inputs the layer takes */
    protected int maxInputs() {
        return Integer.MAX_VALUE;
    }

    /**
     * Combines two inputs (or the running result and the next input).
     *
     * @param a the first
     * @param b the second
     * @return the elementwise combination
     */
    protected abstract Tensor merge(Tensor a, Tensor b);

    /**
     * The result after every input is combined; the default is the combination itself.
     *
     * @param merged the combination of all inputs
     * @param count how many inputs there were
     * @return the output
     */
    protected Tensor finish(Tensor merged, int count) {
        return merged;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputShapes.size() < minInputs() || inputShapes.size() > maxInputs()) {
            throw new IllegalArgumentException(describe() + " takes " + (minInputs() == maxInputs() ? "exactly " + minInputs()
                    : "at least " + minInputs()) + " inputs, received " + inputShapes.size());
        }
        int[] shape = inputShapes.get(0);
        for (int[] next : inputShapes.subList(1, inputShapes.size())) {
            try {
                shape = Broadcast.shape(getClass().getSimpleName(), shape, next);
            } catch (ShapeException e) {
                throw new ShapeException(describe() + ": inputs of shapes " + formatShapes(inputShapes)
                        + " cannot be combined elementwise");
            }
        }
        return List.of(shape);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /**
     * Keras's merge mask: a step is real where it is real in any input; no mask when an input has none.
     *
     * @param inputs the layer's inputs
     * @return the elementwise OR of their masks, or {@code null}
     * @throws ShapeException naming the layer if the masks' shapes differ
     */
    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        Tensor mask = null;
        for (Tensor in : inputs) {
            Tensor m = Storage.mask(in);
            if (m == null) {
                return null;
            }
            if (mask != null && !Shapes.equal(Storage.shape(mask), Storage.shape(m))) {
                throw new ShapeException(describe() + ": the inputs' masks have different shapes, "
                        + Shapes.format(Storage.shape(mask)) + " and " + Shapes.format(Storage.shape(m)));
            }
            mask = mask == null ? m : mask.add(m).sub(mask.mul(m));
        }
        return mask;
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor out = inputs.get(0);
        for (Tensor next : inputs.subList(1, inputs.size())) {
            out = merge(out, next);
        }
        return List.of(finish(out, inputs.size()));
    }
}
