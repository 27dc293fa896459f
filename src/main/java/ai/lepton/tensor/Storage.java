package ai.lepton.tensor;

import ai.lepton.autograd.Op;

/**
 * Zero-copy access to a tensor's arrays for Lepton's own ops, layers and optimizers.
 *
 * <p>This is not part of the public API. {@link Tensor} copies data in and out so that user code
 * cannot corrupt it; the library's internals use this class instead to avoid the copies. Whoever
 * writes through these arrays is responsible for autograd staying correct: only op classes
 * (fresh output arrays) and optimizers (weights, in place) do.
 *
 * <pre>{@code
 * double[] values = Storage.data(t);           // the tensor's own array: read it, do not write it
 * Tensor y = Storage.wrap(new double[6], 2, 3);  // takes ownership of the array
 * }</pre>
 */
public final class Storage {
    private Storage() {
    }

    /**
     * @param t a tensor
     * @return the tensor's own row-major array (not a copy)
     */
    public static double[] data(Tensor t) {
        return t.data;
    }

    /**
     * @param t a tensor
     * @return the tensor's own shape array (not a copy): never modify it
     */
    public static int[] shape(Tensor t) {
        return t.shape;
    }

    /**
     * A tensor that takes ownership of {@code data} without copying.
     *
     * @param data the values; the caller must not keep writing to them
     * @param shape the dimensions
     * @return a new tensor without history
     * @throws IllegalArgumentException if the sizes differ
     */
    public static Tensor wrap(double[] data, int... shape) {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException(data.length + " values do not fill shape " + Shapes.format(shape));
        }
        return new Tensor(data, shape.clone());
    }

    /**
     * @param t a tensor
     * @return the tensor's own gradient array (not a copy), or {@code null}
     */
    public static double[] grad(Tensor t) {
        return t.grad;
    }

    /**
     * @param t a tensor
     * @return the op that produced the tensor, or {@code null} for a leaf
     */
    public static Op creator(Tensor t) {
        return t.creator;
    }

    /**
     * Records that {@code op} produced {@code out}, which therefore requires a gradient.
     *
     * @param out the op's fresh output (modified)
     * @param op the op
     */
    public static void attach(Tensor out, Op op) {
        out.creator = op;
        out.requiresGrad = true;
    }

    /**
     * Records that {@code probabilities} is the softmax (over its last axis) or the sigmoid of
     * {@code logits}, so that a cross-entropy loss can work from the logits, exactly and stably,
     * as Keras does with its {@code _keras_logits}.
     *
     * @param probabilities the activation's output (modified)
     * @param logits its input
     */
    public static void rememberLogits(Tensor probabilities, Tensor logits) {
        probabilities.logits = logits;
    }

    /**
     * @param t a tensor
     * @return the logits it was computed from by a softmax or sigmoid, or {@code null}
     */
    public static Tensor logits(Tensor t) {
        return t.logits;
    }

    /**
     * Records which steps of a sequence are real, as Keras's {@code _keras_mask}: layers that
     * support masking read it ({@link #mask}) and skip the padded steps.
     *
     * @param sequence a batch of sequences, {@code (batch, steps, ...)} (modified)
     * @param mask {@code (batch, steps)} of 1 for a real step and 0 for padding, or {@code null} for none
     */
    public static void attachMask(Tensor sequence, Tensor mask) {
        sequence.mask = mask;
    }

    /**
     * @param t a tensor
     * @return the mask it carries, {@code (batch, steps)}, or {@code null}
     */
    public static Tensor mask(Tensor t) {
        return t.mask;
    }

    /**
     * Adds a gradient into a leaf's accumulated gradient.
     *
     * @param leaf the leaf (its gradient is modified)
     * @param g a gradient of the leaf's size (not modified)
     */
    public static void accumulateGrad(Tensor leaf, double[] g) {
        if (leaf.grad == null) {
            leaf.grad = g.clone();
        } else {
            double[] acc = leaf.grad;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += g[i];
            }
        }
    }
}
