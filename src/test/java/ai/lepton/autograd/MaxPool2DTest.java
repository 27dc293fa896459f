package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxPool2DTest {
    private static final double GRAD_TOLERANCE = 1e-6;

    /** Max pooling as a direct loop, with TensorFlow's {@code same} rule (padding never wins) worked out here. */
    static double[] naive(Tensor x, int pool, int stride, boolean same) {
        int[] xs = x.shape();
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3];
        int outH = same ? (h + stride - 1) / stride : (h - pool) / stride + 1;
        int outW = same ? (w + stride - 1) / stride : (w - pool) / stride + 1;
        int top = same ? Math.max((outH - 1) * stride + pool - h, 0) / 2 : 0;
        int left = same ? Math.max((outW - 1) * stride + pool - w, 0) / 2 : 0;
        double[] out = new double[n * outH * outW * c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int p = 0; p < pool; p++) {
                            for (int q = 0; q < pool; q++) {
                                int r = i * stride - top + p;
                                int col = j * stride - left + q;
                                if (r >= 0 && r < h && col >= 0 && col < w) {
                                    m = Math.max(m, x.get(b, r, col, ch));
                                }
                            }
                        }
                        out[((b * outH + i) * outW + j) * c + ch] = m;
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "x=({0},{1},{2},{3}) pool={4} stride={5} {6}")
    @CsvSource({
        "2, 7, 7, 3, 3, 2, valid",
        "2, 7, 7, 3, 3, 2, same",
        "1, 6, 6, 2, 3, 2, same",
        "2, 6, 5, 2, 2, 2, valid",
        "1, 5, 5, 1, 2, 2, same",
        "2, 5, 6, 2, 2, 1, valid",
        "1, 4, 4, 3, 4, 3, same"})
    void forwardMatchesADirectLoop(int n, int h, int w, int c, int pool, int stride, String padding) {
        Tensor x = Tensor.randn(11, n, h, w, c).sub(3.0);   // mostly negative: padding must not win
        assertArrayEquals(naive(x, pool, stride, padding.equals("same")), MaxPool2D.apply(x, pool, stride, padding).toArray(), 0.0);
    }

    @Test
    void samePaddingPutsTheExtraRowAndColumnAtTheBottomRight() {
        // 4x4 input 1..16, pool 3, stride 2, same: windows start at rows/cols 0 and 2 (padding
        // after), so the maxima are 11, 12, 15, 16; padding before would give 6, 8, 14, 16.
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = i + 1;
        }
        Tensor y = MaxPool2D.apply(Tensor.of(values, 1, 4, 4, 1), 3, 2, "same");
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new double[] {11, 12, 15, 16}, y.toArray(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"valid", "same"})
    void gradientOfOverlappingWindowsGoesToEachWinner(String padding) {
        Tensor x = Tensor.randn(12, 2, 7, 7, 3).requiresGrad(true);
        int out = padding.equals("same") ? 4 : 3;
        Tensor weights = Tensor.randn(13, 2, out, out, 3);
        GradCheck.Result r = GradCheck.check(in -> MaxPool2D.apply(in[0], 3, 2, padding).mul(weights).sum(), x);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        // One large value in the middle of a 3x3 image is the max of all four 2x2 windows (stride 1).
        double[] values = {0, 0, 0, 0, 9, 0, 0, 0, 0};
        Tensor x = Tensor.of(values, 1, 3, 3, 1).requiresGrad(true);
        MaxPool2D.apply(x, 2, 1, "valid").sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0, 4, 0, 0, 0, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void aNaNIsItsWindowsMaximumAndTakesItsGradient() {
        // One 2x2 window of two channels: channel 0 has a NaN in its second cell, channel 1 ties
        // between its first and last cells.
        double[] values = {1, 5, Double.NaN, 2, 3, 4, 7, 5};
        Tensor x = Tensor.of(values, 1, 2, 2, 2).requiresGrad(true);
        Tensor y = MaxPool2D.apply(x, 2, 2, "valid");
        assertArrayEquals(new double[] {Double.NaN, 5}, y.toArray(), 0.0);
        y.mul(Tensor.of(new double[] {2, 3}, 1, 1, 1, 2)).sum().backward();
        assertArrayEquals(new double[] {0, 3, 2, 0, 0, 0, 0, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void windowLargerThanAValidInputNamesTheOpAndShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> MaxPool2D.apply(Tensor.zeros(1, 2, 2, 3), 3, 3, "valid"));
        assertTrue(e.getMessage().contains("max_pool2d: (1, 2, 2, 3)") && e.getMessage().contains("3x3"), e.getMessage());
    }
}
