package ai.lepton.tensor;

import ai.lepton.autograd.Abs;
import ai.lepton.autograd.Add;
import ai.lepton.autograd.Backward;
import ai.lepton.autograd.Div;
import ai.lepton.autograd.Exp;
import ai.lepton.autograd.Log;
import ai.lepton.autograd.LogSoftmax;
import ai.lepton.autograd.MatMul;
import ai.lepton.autograd.Max;
import ai.lepton.autograd.Mul;
import ai.lepton.autograd.Op;
import ai.lepton.autograd.Pow;
import ai.lepton.autograd.Relu;
import ai.lepton.autograd.Reshape;
import ai.lepton.autograd.Sigmoid;
import ai.lepton.autograd.Softmax;
import ai.lepton.autograd.Sqrt;
import ai.lepton.autograd.Sub;
import ai.lepton.autograd.Sum;
import ai.lepton.autograd.Tanh;
import ai.lepton.autograd.Transpose;
import ai.lepton.tensor.internal.Storage;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An n-dimensional array of doubles over one flat row-major array, with an optional autograd
 * history: the front door of Lepton.
 *
 * <p>Data is copied in and out, so no caller can change a tensor behind its back. Binary
 * operations broadcast with NumPy's rules. An operation on a tensor that requires a gradient
 * records itself, and {@link #backward()} then fills {@link #grad()} of every leaf that asked for
 * one (unless recording is switched off with {@link ai.lepton.autograd.NoGrad}).
 *
 * <pre>{@code
 * Tensor w = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
 * Tensor x = Tensor.of(new double[] {4, 5, 6}, 3);
 * Tensor loss = w.mul(x).sum();         // 32
 * loss.backward();
 * double[] dw = w.grad().toArray();     // {4, 5, 6}
 * }</pre>
 */
public final class Tensor {
    final double[] data;
    final int[] shape;
    boolean requiresGrad;
    double[] grad;
    Op creator;
    /** The input of the softmax or sigmoid that made this tensor, for the cross-entropies (Keras's {@code _keras_logits}). */
    Tensor logits;
    /** Which steps of a sequence are real (1) or padding (0), {@code (batch, steps)} (Keras's {@code _keras_mask}). */
    Tensor mask;

    static {
        Storage.install(new TensorFields());
    }

    /** Takes ownership of {@code data}; every public way in copies first. */
    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * A tensor holding a copy of {@code data}, viewed as {@code shape}.
     *
     * @param data the values, row-major (not modified)
     * @param shape the dimensions; their product must equal {@code data.length}
     * @return a new tensor
     * @throws IllegalArgumentException if the sizes differ
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shape.clone();
        int n = Shapes.size(s);
        if (n != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shapes.format(s) + " of " + n + " elements");
        }
        return new Tensor(data.clone(), s);
    }

    /**
     * A rank-0 tensor holding one value.
     *
     * @param value the value
     * @return a new scalar tensor
     */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    /**
     * A tensor of zeros.
     *
     * @param shape the dimensions
     * @return a new tensor
     */
    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        return new Tensor(new double[Shapes.size(s)], s);
    }

    /**
     * A tensor of ones.
     *
     * @param shape the dimensions
     * @return a new tensor
     */
    public static Tensor ones(int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, 1.0);
        return t;
    }

    /**
     * Seeded standard normal samples: the same seed always gives the same values.
     *
     * @param seed the random seed
     * @param shape the dimensions
     * @return a new tensor
     */
    public static Tensor randn(long seed, int... shape) {
        Tensor t = zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = gaussian(random);
        }
        return t;
    }

    /**
     * Seeded uniform samples in {@code [0, 1)}: the same seed always gives the same values.
     *
     * @param seed the random seed
     * @param shape the dimensions
     * @return a new tensor
     */
    public static Tensor rand(long seed, int... shape) {
        Tensor t = zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = random.nextDouble();
        }
        return t;
    }

    /** A standard normal sample by the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** @return a copy of the dimensions */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions (0 for a scalar) */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return data.length;
    }

    /** @return a copy of the values, row-major */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * The value of a one-element tensor.
     *
     * @return the value
     * @throws ShapeException if the tensor does not hold exactly one element
     */
    public double item() {
        if (data.length != 1) {
            throw ShapeException.of("item", shape, "item() needs exactly one element, this tensor has " + data.length);
        }
        return data[0];
    }

    /**
     * One element.
     *
     * @param index one index per dimension
     * @return the value at that index
     * @throws IndexOutOfBoundsException if the index does not fit the shape
     */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("get: " + index.length + " indices for a tensor of shape "
                    + Shapes.format(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index)
                        + " is outside shape " + Shapes.format(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    /**
     * Marks a leaf tensor for gradient tracking.
     *
     * @param on whether {@link #backward()} should fill this tensor's {@link #grad()}
     * @return this tensor
     * @throws IllegalStateException if the tensor was produced by an operation (use {@link #detach()})
     */
    public Tensor requiresGrad(boolean on) {
        if (creator != null) {
            throw new IllegalStateException("requiresGrad: only a leaf tensor can be marked; this "
                    + Shapes.format(shape) + " tensor was produced by an operation, call detach() first");
        }
        requiresGrad = on;
        return this;
    }

    /** @return whether this tensor takes part in gradient computation */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** @return a copy of the accumulated gradient, with this tensor's shape, or {@code null} */
    public Tensor grad() {
        return grad == null ? null : new Tensor(grad.clone(), shape.clone());
    }

    /** Clears the accumulated gradient, so that {@link #grad()} returns {@code null}. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Runs reverse-mode differentiation from this one-element tensor (usually a loss), adding
     * d(this)/d(leaf) into the {@link #grad()} of every leaf that requires a gradient.
     *
     * @throws IllegalStateException if the tensor has more than one element or no history
     */
    public void backward() {
        Backward.run(this);
    }

    /** @return a tensor with a copy of the values and no history: gradients do not flow through it */
    public Tensor detach() {
        return new Tensor(data.clone(), shape);
    }

    /**
     * Elementwise sum, with broadcasting.
     *
     * @param other a tensor broadcast against this one
     * @return {@code this + other}
     */
    public Tensor add(Tensor other) {
        return Add.apply(this, other);
    }

    /**
     * Elementwise difference, with broadcasting.
     *
     * @param other a tensor broadcast against this one
     * @return {@code this - other}
     */
    public Tensor sub(Tensor other) {
        return Sub.apply(this, other);
    }

    /**
     * Elementwise product, with broadcasting.
     *
     * @param other a tensor broadcast against this one
     * @return {@code this * other}, elementwise
     */
    public Tensor mul(Tensor other) {
        return Mul.apply(this, other);
    }

    /**
     * Elementwise quotient, with broadcasting.
     *
     * @param other a tensor broadcast against this one
     * @return {@code this / other}, elementwise
     */
    public Tensor div(Tensor other) {
        return Div.apply(this, other);
    }

    /**
     * Adds a scalar to every element.
     *
     * @param value a scalar
     * @return {@code this + value}
     */
    public Tensor add(double value) {
        return add(scalar(value));
    }

    /**
     * Subtracts a scalar from every element.
     *
     * @param value a scalar
     * @return {@code this - value}
     */
    public Tensor sub(double value) {
        return sub(scalar(value));
    }

    /**
     * Multiplies every element by a scalar.
     *
     * @param value a scalar
     * @return {@code this * value}
     */
    public Tensor mul(double value) {
        return mul(scalar(value));
    }

    /**
     * Divides every element by a scalar.
     *
     * @param value a scalar
     * @return {@code this / value}
     */
    public Tensor div(double value) {
        return div(scalar(value));
    }

    /** @return {@code -this} */
    public Tensor neg() {
        return mul(-1.0);
    }

    /** @return {@code e^this}, elementwise */
    public Tensor exp() {
        return Exp.apply(this);
    }

    /** @return the natural logarithm, elementwise */
    public Tensor log() {
        return Log.apply(this);
    }

    /** @return the square root, elementwise */
    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    /** @return the absolute value, elementwise (its gradient at 0 is 0) */
    public Tensor abs() {
        return Abs.apply(this);
    }

    /** @return {@code max(this, 0)}, elementwise (its gradient at 0 is 0) */
    public Tensor relu() {
        return Relu.apply(this);
    }

    /** @return {@code 1 / (1 + e^-this)}, elementwise */
    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    /** @return the hyperbolic tangent, elementwise */
    public Tensor tanh() {
        return Tanh.apply(this);
    }

    /**
     * Raises every element to a power.
     *
     * @param exponent the power
     * @return {@code this^exponent}, elementwise
     */
    public Tensor pow(double exponent) {
        return Pow.apply(this, exponent);
    }

    /**
     * Matrix product: {@code (m, k) x (k, n) -> (m, n)}, or batched
     * {@code (..., m, k) x (..., k, n) -> (..., m, n)} with the batch dimensions broadcast.
     *
     * @param other the right operand
     * @return the product
     * @throws ShapeException if the inner dimensions differ or a rank is below 2
     */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    /** @return the sum of all elements, as a scalar tensor */
    public Tensor sum() {
        return Sum.all(this);
    }

    /** @return the mean of all elements, as a scalar tensor */
    public Tensor mean() {
        return sum().div(data.length);
    }

    /**
     * Sum along one axis.
     *
     * @param axis the axis; negative counts from the end
     * @param keepDims whether to keep the axis with size 1
     * @return the sums
     */
    public Tensor sum(int axis, boolean keepDims) {
        return Sum.along(this, axis, keepDims);
    }

    /**
     * Mean along one axis.
     *
     * @param axis the axis; negative counts from the end
     * @param keepDims whether to keep the axis with size 1
     * @return the means
     */
    public Tensor mean(int axis, boolean keepDims) {
        return sum(axis, keepDims).div(shape[Shapes.axis("mean", shape, axis)]);
    }

    /**
     * Maximum along one axis; the gradient flows to the first maximal element.
     *
     * @param axis the axis; negative counts from the end
     * @param keepDims whether to keep the axis with size 1
     * @return the maxima
     */
    public Tensor max(int axis, boolean keepDims) {
        return Max.apply(this, axis, keepDims);
    }

    /**
     * Index of the largest element along an axis (the first one on ties), as doubles.
     *
     * @param axis the axis; negative counts from the end
     * @return the indices, with the axis removed; not differentiable
     */
    public Tensor argmax(int axis) {
        int a = Shapes.axis("argmax", shape, axis);
        int outer = Shapes.product(shape, 0, a);
        int n = shape[a];
        int inner = Shapes.product(shape, a + 1, shape.length);
        if (n == 0) {
            throw ShapeException.of("argmax", shape, "axis " + axis + " is empty");
        }
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                for (int j = 1; j < n; j++) {
                    if (data[base + j * inner] > data[base + best * inner]) {
                        best = j;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return new Tensor(out, Shapes.reduce(shape, a, false));
    }

    /**
     * The same values viewed with another shape of the same size.
     *
     * @param newShape the dimensions; one of them may be -1 and is then inferred
     * @return the reshaped tensor
     * @throws ShapeException if the sizes differ
     */
    public Tensor reshape(int... newShape) {
        return Reshape.apply(this, newShape);
    }

    /** @return the tensor with all axes reversed (a matrix's transpose) */
    public Tensor transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = perm.length - 1 - i;
        }
        return transpose(perm);
    }

    /**
     * Permutes the axes: axis {@code i} of the result is axis {@code perm[i]} of this tensor.
     *
     * @param perm a permutation of {@code 0 .. rank-1}
     * @return the permuted tensor
     */
    public Tensor transpose(int... perm) {
        return Transpose.apply(this, perm);
    }

    /**
     * Softmax along an axis, {@code e^(x - max) / sum(e^(x - max))}: stable for any input size.
     *
     * @param axis the axis; negative counts from the end
     * @return probabilities summing to 1 along the axis
     */
    public Tensor softmax(int axis) {
        return Softmax.apply(this, axis);
    }

    /**
     * Log of the softmax along an axis, {@code x - max - log(sum(e^(x - max)))}: stable for any input size.
     *
     * @param axis the axis; negative counts from the end
     * @return log-probabilities along the axis
     */
    public Tensor logSoftmax(int axis) {
        return LogSoftmax.apply(this, axis);
    }

    /** @return e.g. {@code Tensor(2, 3) [1.0, 2.0, ...]}, at most 10 values */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Tensor").append(Shapes.format(shape)).append(" [");
        int shown = Math.min(data.length, 10);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return text.append(data.length > shown ? ", ...]" : "]").toString();
    }
}
