package ai.lepton.autograd;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * A node of the autograd graph: one differentiable operation, with its forward computation and
 * its chain rule side by side in each subclass.
 *
 * <p>A subclass computes its output in a static {@code apply} method, keeps what its backward
 * pass needs in fields, and hands the output to {@link #output}, which records the op in the
 * graph when an input requires a gradient and recording is on (see {@link NoGrad}). The engine
 * ({@link Backward}) later calls {@link #backward} with the gradient of the output.
 *
 * <pre>{@code
 * public final class Square extends Op {
 *     private final double[] x;
 *     private Square(double[] x) { this.x = x; }
 *     public static Tensor apply(Tensor t) {
 *         double[] x = data(t), y = new double[x.length];
 *         for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
 *         return new Square(x).output(y, shape(t), t);
 *     }
 *     protected double[][] backward(double[] g) {
 *         double[] dx = new double[g.length];
 *         for (int i = 0; i < g.length; i++) dx[i] = 2 * x[i] * g[i];
 *         return new double[][] {dx};
 *     }
 * }
 * }</pre>
 */
public abstract class Op {
    private Tensor[] inputs;
    private int[] outputShape;

    /** For subclasses. */
    protected Op() {
    }

    /**
     * The gradient of the loss with respect to each input, given its gradient with respect to the
     * output. Entry {@code i} has either input {@code i}'s size or, for ops that broadcast, the
     * output's size (the engine then sums it back to the input's shape); it may be {@code null}
     * when {@link #needsGrad(int)} is false. An entry may be {@code gradOut} itself.
     *
     * @param gradOut dL/d(output), row-major in the output's shape (not modified)
     * @return dL/d(input) for each input, in order
     */
    protected abstract double[][] backward(double[] gradOut);

    /** @return the op's name for messages, e.g. {@code "MatMul"} */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * Wraps a freshly computed output and, when recording, links it to this op and its inputs.
     *
     * @param data the output values; ownership passes to the new tensor
     * @param shape the output's shape (not modified)
     * @param from the op's inputs, in the order {@link #backward} returns their gradients
     * @return the output tensor
     */
    protected final Tensor output(double[] data, int[] shape, Tensor... from) {
        Tensor out = Storage.wrap(data, shape);
        if (recording(from)) {
            this.inputs = from;
            this.outputShape = Storage.shape(out);
            Storage.attach(out, this);
        }
        Anomaly.checkOutput(this, data, from);
        return out;
    }

    /**
     * @param i an input's position
     * @return whether input {@code i} needs a gradient; an op may skip computing the others
     */
    protected final boolean needsGrad(int i) {
        return inputs[i].requiresGrad();
    }

    /** The op's inputs, for the engine. */
    final Tensor[] inputs() {
        return inputs;
    }

    /** The output's shape, for the engine. */
    final int[] outputShape() {
        return outputShape;
    }

    /**
     * An array for an op's output or input gradient. Inside a training step (see
     * {@link StepArena}) it may be one recycled from the previous step, holding old values; the
     * op must write every element.
     *
     * @param length the number of elements, at least 0
     * @return an array of exactly {@code length} elements
     */
    protected static double[] newArray(int length) {
        return StepArena.take(length);
    }

    /**
     * @param t a tensor
     * @return its own data array (not a copy): read it, never write it
     */
    protected static double[] data(Tensor t) {
        return Storage.data(t);
    }

    /**
     * @param t a tensor
     * @return its own shape array (not a copy): never modify it
     */
    protected static int[] shape(Tensor t) {
        return Storage.shape(t);
    }

    /**
     * Whether an op with these inputs is recorded for backward ({@link #output}'s test): recording
     * is on and one of them requires a gradient. An op may use it to keep, during forward, what
     * only its backward pass needs.
     *
     * @param tensors the inputs in question
     * @return true if a gradient will be asked of at least one of them
     */
    protected static boolean recording(Tensor... tensors) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : tensors) {
            if (t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }
}
