package ai.lepton.tensor.internal;

import ai.lepton.autograd.Op;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.lang.invoke.MethodHandles;

/**
 * Zero-copy access to a tensor's arrays for Lepton's own ops, layers and optimizers.
 *
 * <p>This is not part of the public API: the module {@code ai.lepton} does not export this package.
 * {@link Tensor} copies data in and out so that user code cannot corrupt it; the library's
 * internals use this class instead to avoid the copies. The tensor package hands this class its
 * fields once, through {@link #install}, when {@code Tensor} is initialised. Whoever
 * writes through these arrays is responsible for autograd staying correct: only op classes
 * (fresh output arrays) and optimizers (weights, in place) do.
 *
 * <pre>{@code
 * double[] values = Storage.data(t);           // the tensor's own array: read it, do not write it
 * Tensor y = Storage.wrap(new double[6], 2, 3);  // takes ownership of the array
 * }</pre>
 */
public final class Storage {
    /**
     * A tensor's fields, as the tensor package lets this class reach them; the methods of
     * {@code Storage} below say what each one means.
     */
    public interface Fields {
        /**
         * @param t a tensor
         * @return its values
         */
        double[] data(Tensor t);

        /**
         * @param t a tensor
         * @return its shape
         */
        int[] shape(Tensor t);

        /**
         * @param data the values, not copied
         * @param shape the dimensions, not copied
         * @return a new tensor over them
         */
        Tensor create(double[] data, int[] shape);

        /**
         * @param t a tensor
         * @return its gradient, or {@code null}
         */
        double[] grad(Tensor t);

        /**
         * @param t a tensor
         * @param grad its new gradient array
         */
        void setGrad(Tensor t, double[] grad);

        /**
         * @param t a tensor
         * @return the op that made it, or {@code null}
         */
        Op creator(Tensor t);

        /**
         * @param t a tensor, which then requires a gradient
         * @param op the op that made it
         */
        void setCreator(Tensor t, Op op);

        /**
         * @param t a tensor
         * @return the logits it came from, or {@code null}
         */
        Tensor logits(Tensor t);

        /**
         * @param t a tensor
         * @param logits the logits it came from
         */
        void setLogits(Tensor t, Tensor logits);

        /**
         * @param t a tensor
         * @return its mask, or {@code null}
         */
        Tensor mask(Tensor t);

        /**
         * @param t a tensor
         * @param mask its mask, or {@code null}
         */
        void setMask(Tensor t, Tensor mask);
    }

    private static Fields fields;

    private Storage() {
    }

    /**
     * Called once by {@code Tensor}'s static initialiser.
     *
     * @param tensorFields the tensor package's access to a tensor's fields
     * @throws IllegalStateException if called a second time
     */
    public static synchronized void install(Fields tensorFields) {
        if (fields != null) {
            throw new IllegalStateException("Storage: the tensor fields are installed once, by Tensor");
        }
        fields = tensorFields;
    }

    private static Fields fields() {
        Fields f = fields;
        if (f == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Tensor.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            f = fields;
        }
        return f;
    }

    /**
     * @param t a tensor
     * @return the tensor's own row-major array (not a copy)
     */
    public static double[] data(Tensor t) {
        return fields().data(t);
    }

    /**
     * @param t a tensor
     * @return the tensor's own shape array (not a copy): never modify it
     */
    public static int[] shape(Tensor t) {
        return fields().shape(t);
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
        return fields().create(data, shape.clone());
    }

    /**
     * @param t a tensor
     * @return the tensor's own gradient array (not a copy), or {@code null}
     */
    public static double[] grad(Tensor t) {
        return fields().grad(t);
    }

    /**
     * @param t a tensor
     * @return the op that produced the tensor, or {@code null} for a leaf
     */
    public static Op creator(Tensor t) {
        return fields().creator(t);
    }

    /**
     * Records that {@code op} produced {@code out}, which therefore requires a gradient.
     *
     * @param out the op's fresh output (modified)
     * @param op the op
     */
    public static void attach(Tensor out, Op op) {
        fields().setCreator(out, op);
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
        fields().setLogits(probabilities, logits);
    }

    /**
     * @param t a tensor
     * @return the logits it was computed from by a softmax or sigmoid, or {@code null}
     */
    public static Tensor logits(Tensor t) {
        return fields().logits(t);
    }

    /**
     * Records which steps of a sequence are real, as Keras's {@code _keras_mask}: layers that
     * support masking read it ({@link #mask}) and skip the padded steps.
     *
     * @param sequence a batch of sequences, {@code (batch, steps, ...)} (modified)
     * @param mask {@code (batch, steps)} of 1 for a real step and 0 for padding, or {@code null} for none
     */
    public static void attachMask(Tensor sequence, Tensor mask) {
        fields().setMask(sequence, mask);
    }

    /**
     * @param t a tensor
     * @return the mask it carries, {@code (batch, steps)}, or {@code null}
     */
    public static Tensor mask(Tensor t) {
        return fields().mask(t);
    }

    /**
     * Adds a gradient into a leaf's accumulated gradient.
     *
     * @param leaf the leaf (its gradient is modified)
     * @param g a gradient of the leaf's size (not modified)
     */
    public static void accumulateGrad(Tensor leaf, double[] g) {
        double[] acc = fields().grad(leaf);
        if (acc == null) {
            fields().setGrad(leaf, g.clone());
        } else {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += g[i];
            }
        }
    }
}
