package ai.lepton.autograd;

import ai.lepton.kernels.Pooling;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;

/**
 * 2-D average pooling of a channels-last batch:
 * {@code y[b, i, j, c] = mean over the window's cells inside the input of x[b, i sh - top + p, j sw - left + q, c]},
 * so that with {@code same} padding a border window is divided by its cells in the image, as
 * TensorFlow and Keras do. Backward spreads each output gradient evenly over those cells:
 * {@code dx[cell] += dy / count}.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, y {@code (batch, outH, outW, c)} with the sizes of {@link PaddingRule}.
 *
 * <pre>{@code
 * Tensor y = AvgPool2D.apply(images, new int[] {2, 2}, new int[] {2, 2}, "valid");   // (32, 28, 28, 1) -> (32, 14, 14, 1)
 * }</pre>
 */
public final class AvgPool2D extends Op {
    private static final String NAME = "avg_pool2d";

    private final SlidingWindow window;

    private AvgPool2D(SlidingWindow window) {
        this.window = window;
    }

    /**
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
        Pooling.averagePoolForward(w, data(x), 0, y, 0);
        int[] outShape = {w.batch(), w.outHeight(), w.outWidth(), w.channels()};
        return new AvgPool2D(w).output(y, outShape, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray((int) window.inputSize());
        Pooling.averagePoolBackward(window, g, 0, dx, 0);
        return new double[][] {dx};
    }
}
