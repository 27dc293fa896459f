package ai.lepton.autograd;

import ai.lepton.kernels.Pooling;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;

/**
 * 2-D max pooling of a channels-last batch over windows, which may overlap:
 * {@code y[b, i, j, c] = max over (p, q) of x[b, i s - top + p, j s - left + q, c]}, taking only
 * cells inside the input (with {@code same} padding the border cells never win, as in TensorFlow).
 * The gradient goes to the element that won (the first one on ties), and adds up where windows overlap.
 * A NaN in a window makes its output NaN, and the gradient goes to that NaN. Backward finds the
 * winners again from x and y, so forward records nothing and is the same for training and
 * inference.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, y {@code (batch, outH, outW, c)} with the sizes of {@link PaddingRule}.
 *
 * <pre>{@code
 * Tensor y = MaxPool2D.apply(x, 2, 2, "valid");   // (32, 26, 26, 8) -> (32, 13, 13, 8)
 * }</pre>
 */
public final class MaxPool2D extends Op {
    private static final String NAME = "max_pool2d";

    private final SlidingWindow window;
    private final Tensor x;
    private final double[] y;

    private MaxPool2D(SlidingWindow window, Tensor x, double[] y) {
        this.window = window;
        this.x = x;
        this.y = y;
    }

    /**
     * @param x the batch, {@code (batch, h, w, c)}
     * @param poolSize the window's height and width, positive
     * @param stride the step between windows along both axes, positive
     * @param padding {@code "valid"} or {@code "same"}
     * @return {@code (batch, outH, outW, c)}
     * @throws ShapeException if x is not rank 4 or a {@code valid} window is larger than the input
     * @throws IllegalArgumentException for a bad pool size, stride or padding name
     */
    public static Tensor apply(Tensor x, int poolSize, int stride, String padding) {
        if (poolSize < 1) {
            throw new IllegalArgumentException(NAME + ": pool_size must be a positive integer. Received: pool_size=" + poolSize);
        }
        return apply(x, new int[] {poolSize, poolSize}, new int[] {stride, stride}, padding);
    }

    /**
     * Pooling over windows of any height and width, with a stride per axis.
     *
     * @param x the batch, {@code (batch, h, w, c)}
     * @param poolSize {@code {height, width}} of the window, positive (not modified)
     * @param strides {@code {vertical, horizontal}} steps, positive (not modified)
     * @param padding {@code "valid"} or {@code "same"}
     * @return {@code (batch, outH, outW, c)}
     * @throws ShapeException if x is not rank 4 or a {@code valid} window is larger than the input
     * @throws IllegalArgumentException for a bad pool size, stride or padding name
     */
    public static Tensor apply(Tensor x, int[] poolSize, int[] strides, String padding) {
        SlidingWindow w = PaddingRule.window(NAME, shape(x), poolSize[0], poolSize[1], strides[0], strides[1], padding);
        double[] y = newArray((int) w.positions() * w.channels());
        Pooling.maxPoolForward(w, data(x), 0, y, 0);
        int[] outShape = {w.batch(), w.outHeight(), w.outWidth(), w.channels()};
        return new MaxPool2D(w, x, y).output(y, outShape, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray((int) window.inputSize());
        Pooling.maxPoolBackward(window, data(x), 0, y, 0, g, 0, dx, 0);
        return new double[][] {dx};
    }
}
