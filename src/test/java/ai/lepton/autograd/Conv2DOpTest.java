package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Parallel;
import ai.lepton.kernels.Scratch;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conv2DOp on each of its algorithms' paths (im2col here; Winograd and the direct sums in the
 * nested classes): forward against a direct loop, gradients against finite differences, results
 * the same bits on one and two threads.
 */
class Conv2DOpTest {
    private static final double VALUE_TOLERANCE = 1e-12;
    /** Winograd's transforms round differently from the direct loop's sums. */
    private static final double WINOGRAD_TOLERANCE = 1e-11;
    private static final double GRAD_TOLERANCE = 1e-6;
    /** Images per Winograd group (kernels' WinogradConvolution.GROUP). */
    private static final int WINOGRAD_GROUP = 16;

    /**
     * The convolution as a direct loop over every output and window cell, with TensorFlow's
     * {@code same} padding worked out here from its definition, independently of the library.
     */
    static double[] naive(Tensor x, Tensor kernel, Tensor bias, int stride, boolean same) {
        int[] xs = x.shape();
        int[] ks = kernel.shape();
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3], kh = ks[0], kw = ks[1], f = ks[3];
        int outH = same ? (h + stride - 1) / stride : (h - kh) / stride + 1;
        int outW = same ? (w + stride - 1) / stride : (w - kw) / stride + 1;
        int top = same ? Math.max((outH - 1) * stride + kh - h, 0) / 2 : 0;
        int left = same ? Math.max((outW - 1) * stride + kw - w, 0) / 2 : 0;
        double[] out = new double[n * outH * outW * f];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int o = 0; o < f; o++) {
                        double s = bias == null ? 0 : bias.get(o);
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int r = i * stride - top + p;
                                int col = j * stride - left + q;
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    s += x.get(b, r, col, ch) * kernel.get(p, q, ch, o);
                                }
                            }
                        }
                        out[((b * outH + i) * outW + j) * f + o] = s;
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "x=({0},{1},{2},{3}) k={4}x{5} filters={6} stride={7} {8}")
    @CsvSource({
        "2, 7, 7, 3, 3, 3, 4, 2, same",
        "2, 7, 7, 3, 3, 3, 4, 2, valid",
        "1, 6, 5, 2, 3, 3, 3, 1, same",
        "3, 5, 6, 2, 2, 2, 3, 2, same",
        "1, 6, 6, 1, 4, 4, 2, 1, same",
        "2, 6, 6, 2, 5, 3, 2, 3, same",
        "2, 8, 8, 3, 1, 1, 2, 3, valid",
        "1, 4, 4, 2, 4, 4, 3, 1, valid",
        "9, 7, 7, 3, 3, 3, 4, 2, same",
        "6, 5, 5, 2, 3, 3, 5, 1, valid",
        // Over 8 channels, and not 3×3 stride 1: im2col's path (fewer channels go direct, 3×3
        // stride 1 goes through Winograd).
        "2, 7, 7, 8, 3, 3, 4, 2, same",
        "1, 6, 6, 9, 4, 4, 2, 1, same",
        "2, 9, 9, 8, 5, 5, 3, 1, valid",
        "5, 8, 8, 8, 1, 1, 5, 1, valid"})
    void forwardMatchesADirectLoop(int n, int h, int w, int c, int kh, int kw, int f, int stride, String padding) {
        Tensor x = Tensor.randn(1, n, h, w, c);
        Tensor kernel = Tensor.randn(2, kh, kw, c, f);
        Tensor bias = Tensor.randn(3, f);
        Tensor y = Conv2DOp.apply(x, kernel, bias, stride, padding);
        boolean same = padding.equals("same");
        assertArrayEquals(naive(x, kernel, bias, stride, same), y.toArray(), VALUE_TOLERANCE);
        assertArrayEquals(naive(x, kernel, null, stride, same), Conv2DOp.apply(x, kernel, null, stride, padding).toArray(),
                VALUE_TOLERANCE);
    }

    @Test
    void samePaddingPutsTheExtraRowAndColumnAtTheBottomRight() {
        // 4x4 input 1..16, 3x3 kernel, stride 2, same: out 2x2, total padding 1 per axis, all of it
        // after (top/left 0, bottom/right 1). By hand, with a kernel of ones:
        //   out[0,0] = 1+2+3+5+6+7+9+10+11 = 54   out[0,1] = 3+4+7+8+11+12 = 45
        //   out[1,0] = 9+10+11+13+14+15 = 72      out[1,1] = 11+12+15+16 = 54
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = i + 1;
        }
        Tensor x = Tensor.of(values, 1, 4, 4, 1);
        Tensor y = Conv2DOp.apply(x, Tensor.ones(3, 3, 1, 1), null, 2, "same");
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new double[] {54, 45, 72, 54}, y.toArray(), 0.0);
        // A kernel that picks its centre reads x[2i + 1, 2j + 1]: 6, 8, 14, 16 (padding before would give 1, 3, 9, 11).
        double[] centre = new double[9];
        centre[4] = 1;
        Tensor picked = Conv2DOp.apply(x, Tensor.of(centre, 3, 3, 1, 1), null, 2, "same");
        assertArrayEquals(new double[] {6, 8, 14, 16}, picked.toArray(), 0.0);
    }

    @Test
    void gradientsWithStrideTwoSamePaddingOnOddSizes() {
        Tensor x = Tensor.randn(4, 2, 7, 7, 8).requiresGrad(true);
        Tensor kernel = Tensor.randn(5, 3, 3, 8, 4).requiresGrad(true);
        Tensor bias = Tensor.randn(6, 4).requiresGrad(true);
        Tensor weights = Tensor.randn(7, 2, 4, 4, 4);
        GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], in[2], 2, "same").mul(weights).sum(),
                x, kernel, bias);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void gradientsWithValidPaddingAndNoBias() {
        Tensor x = Tensor.randn(8, 3, 6, 5, 2).requiresGrad(true);
        Tensor kernel = Tensor.randn(9, 2, 3, 2, 3).requiresGrad(true);
        Tensor weights = Tensor.randn(10, 3, 5, 3, 3);
        GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], null, 1, "valid").mul(weights).sum(),
                x, kernel);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void fusedReluEqualsTheConvolutionThenRelu() {
        Tensor x = Tensor.randn(11, 2, 6, 6, 3);
        Tensor kernel = Tensor.randn(12, 3, 3, 3, 4);
        Tensor bias = Tensor.randn(13, 4);
        assertArrayEquals(Conv2DOp.apply(x, kernel, bias, 1, "same").relu().toArray(),
                Conv2DOp.apply(x, kernel, bias, 1, "same", true).toArray(), 0.0);
    }

    @Test
    void gradientsWithFusedRelu() {
        assertFusedReluGradients(14, 2, 6, 5);
    }

    @Test
    void gradientsOverSeveralChunksOfTheBatch() {
        // 6 images: a full chunk of 4 and a partial one, whose kernel and bias gradients add up.
        assertFusedReluGradients(23, 6, 5, 5);
    }

    /** Gradient check of a valid 2×2 convolution of 8 channels into 3 filters with fused ReLU (im2col's path). */
    private static void assertFusedReluGradients(long seed, int batch, int height, int width) {
        Tensor x = Tensor.randn(seed, batch, height, width, 8).requiresGrad(true);
        Tensor kernel = Tensor.randn(seed + 1, 2, 2, 8, 3).requiresGrad(true);
        Tensor bias = Tensor.randn(seed + 2, 3).requiresGrad(true);
        Tensor weights = Tensor.randn(seed + 3, batch, height - 1, width - 1, 3);
        GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], in[2], 1, "valid", true).mul(weights).sum(),
                x, kernel, bias);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    /** Leaves an array of {@code length} large values in the scratch pool, where a stale kept array would be. */
    private static void poisonTheScratchPool(int length) {
        try (Scratch scratch = Scratch.open()) {
            Arrays.fill(scratch.take(length), 1e9);
        }
    }

    @Test
    void aSecondBackwardPassThroughTheSameGraphGivesTheSameGradient() {
        // The first pass hands the im2col matrix back to the pool; the second must rebuild it.
        // Large enough (722 × 32 im2col elements) for the pool to keep the matrix.
        Tensor x = Tensor.randn(18, 2, 20, 20, 8);
        Tensor kernel = Tensor.randn(19, 2, 2, 8, 4).requiresGrad(true);
        Tensor loss = Conv2DOp.apply(x, kernel, null, 1, "valid", true).sum();
        loss.backward();
        double[] first = kernel.grad().toArray();
        kernel.zeroGrad();
        poisonTheScratchPool(722 * 32);
        loss.backward();
        assertArrayEquals(first, kernel.grad().toArray(), 0.0);
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        Tensor x = Tensor.randn(20, 32, 13, 13, 32).requiresGrad(true);
        Tensor kernel = Tensor.randn(21, 3, 3, 32, 64).requiresGrad(true);
        Tensor bias = Tensor.randn(22, 64).requiresGrad(true);
        assertSameForOneAndTwoThreads(x, kernel, bias, "valid");
    }

    @Test
    void aPartialLastChunkIsBitIdenticalForOneAndTwoThreads() {
        Tensor x = Tensor.randn(27, 9, 28, 28, 8).requiresGrad(true);
        Tensor kernel = Tensor.randn(28, 2, 2, 8, 32).requiresGrad(true);
        Tensor bias = Tensor.randn(29, 32).requiresGrad(true);
        assertSameForOneAndTwoThreads(x, kernel, bias, "valid");
    }

    /**
     * Asserts that a stride-1 convolution with bias and ReLU, and its three gradients, are the same
     * bits on one thread as on two.
     */
    static void assertSameForOneAndTwoThreads(Tensor x, Tensor kernel, Tensor bias, String padding) {
        double[][] one = convAndGradients(1, x, kernel, bias, padding);
        double[][] two = convAndGradients(2, x, kernel, bias, padding);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], two[i], 0.0);
        }
    }

    private static double[][] convAndGradients(int threads, Tensor x, Tensor kernel, Tensor bias, String padding) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            x.zeroGrad();
            kernel.zeroGrad();
            bias.zeroGrad();
            Tensor y = Conv2DOp.apply(x, kernel, bias, 1, padding, true);
            y.mul(y).sum().backward();
            return new double[][] {y.toArray(), x.grad().toArray(), kernel.grad().toArray(), bias.grad().toArray()};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void shapeErrorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(2, 5, 5, 3);
        ShapeException channels = assertThrows(ShapeException.class,
                () -> Conv2DOp.apply(x, Tensor.zeros(3, 3, 2, 4), null, 1, "valid"));
        assertTrue(channels.getMessage().contains("conv2d: (2, 5, 5, 3) x (3, 3, 2, 4)"), channels.getMessage());
        ShapeException tooBig = assertThrows(ShapeException.class,
                () -> Conv2DOp.apply(x, Tensor.zeros(7, 7, 3, 4), null, 1, "valid"));
        assertTrue(tooBig.getMessage().contains("(2, 5, 5, 3)") && tooBig.getMessage().contains("7x7"), tooBig.getMessage());
        ShapeException bias = assertThrows(ShapeException.class,
                () -> Conv2DOp.apply(x, Tensor.zeros(3, 3, 3, 4), Tensor.zeros(3), 1, "valid"));
        assertTrue(bias.getMessage().contains("(3,)"), bias.getMessage());
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> Conv2DOp.apply(x, Tensor.zeros(3, 3, 3, 4), null, 1, "full"));
        assertTrue(padding.getMessage().contains("Received: padding=full"), padding.getMessage());
    }

    /**
     * The Winograd path (3×3 kernels, stride 1, at least 8 channels), on sizes whose tiles run past
     * the output and batches that end in a partial chunk or span two groups of images.
     */
    @Nested
    class WinogradPath {
        @ParameterizedTest(name = "x=({0},{1},{2},{3}) filters={4} {5}")
        @CsvSource({
            "5, 7, 9, 8, 3, valid",
            "5, 7, 9, 8, 3, same",
            "2, 13, 13, 32, 64, valid",
            "3, 4, 4, 8, 2, same",
            "2, 3, 3, 9, 1, valid",
            "1, 10, 6, 16, 5, same"})
        void forwardMatchesADirectLoop(int n, int h, int w, int c, int f, String padding) {
            Tensor x = Tensor.randn(1, n, h, w, c);
            Tensor kernel = Tensor.randn(2, 3, 3, c, f);
            Tensor bias = Tensor.randn(3, f);
            boolean same = padding.equals("same");
            assertArrayEquals(naive(x, kernel, bias, 1, same),
                    Conv2DOp.apply(x, kernel, bias, 1, padding).toArray(), WINOGRAD_TOLERANCE);
            assertArrayEquals(naive(x, kernel, null, 1, same),
                    Conv2DOp.apply(x, kernel, null, 1, padding).toArray(), WINOGRAD_TOLERANCE);
        }

        @Test
        void fusedReluEqualsTheConvolutionThenRelu() {
            Tensor x = Tensor.randn(4, 3, 7, 7, 8);
            Tensor kernel = Tensor.randn(5, 3, 3, 8, 4);
            Tensor bias = Tensor.randn(6, 4);
            assertArrayEquals(Conv2DOp.apply(x, kernel, bias, 1, "same").relu().toArray(),
                    Conv2DOp.apply(x, kernel, bias, 1, "same", true).toArray(), 0.0);
        }

        @Test
        void gradientsWithBiasReluSamePaddingAndAPartialChunk() {
            // 5 images: a chunk of 4 and one of 1; 7×9 outputs: tiles run past both edges.
            Tensor x = Tensor.randn(7, 5, 7, 9, 8).requiresGrad(true);
            Tensor kernel = Tensor.randn(8, 3, 3, 8, 3).requiresGrad(true);
            Tensor bias = Tensor.randn(9, 3).requiresGrad(true);
            Tensor weights = Tensor.randn(10, 5, 7, 9, 3);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], in[2], 1, "same", true)
                    .mul(weights).sum(), x, kernel, bias);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void gradientsOverTwoGroupsOfImages() {
            // One image more than a group: the kernel gradient adds the second group's to the first's.
            int batch = WINOGRAD_GROUP + 1;
            Tensor x = Tensor.randn(30, batch, 5, 5, 8).requiresGrad(true);
            Tensor kernel = Tensor.randn(31, 3, 3, 8, 2).requiresGrad(true);
            Tensor bias = Tensor.randn(32, 2).requiresGrad(true);
            Tensor weights = Tensor.randn(33, batch, 5, 5, 2);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], in[2], 1, "same", true)
                    .mul(weights).sum(), x, kernel, bias);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void gradientsWithValidPaddingAndNoBias() {
            Tensor x = Tensor.randn(11, 2, 9, 6, 8).requiresGrad(true);
            Tensor kernel = Tensor.randn(12, 3, 3, 8, 2).requiresGrad(true);
            Tensor weights = Tensor.randn(13, 2, 7, 4, 2);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], null, 1, "valid").mul(weights).sum(),
                    x, kernel);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void gradientsWithOnlyAFrozenKernelOrOnlyAConstantInput() {
            Tensor x = Tensor.randn(14, 3, 6, 6, 8);
            Tensor kernel = Tensor.randn(15, 3, 3, 8, 2);
            Tensor bias = Tensor.randn(16, 2);
            Tensor weights = Tensor.randn(17, 3, 6, 6, 2);
            GradCheck.Result inputOnly = GradCheck.check(in -> Conv2DOp.apply(in[0], kernel, bias, 1, "same", true)
                    .mul(weights).sum(), x.requiresGrad(true));
            assertTrue(inputOnly.passed(GRAD_TOLERANCE), inputOnly.toString());
            Tensor constant = Tensor.randn(18, 3, 6, 6, 8);
            GradCheck.Result kernelOnly = GradCheck.check(in -> Conv2DOp.apply(constant, in[0], bias, 1, "same", true)
                    .mul(weights).sum(), kernel.requiresGrad(true));
            assertTrue(kernelOnly.passed(GRAD_TOLERANCE), kernelOnly.toString());
            Tensor plain = Tensor.randn(19, 3, 6, 6, 8);
            Tensor y = Conv2DOp.apply(plain, kernel, null, 1, "same").sum();
            y.backward();
            assertNull(plain.grad());
        }

        @Test
        void aSecondBackwardPassThroughTheSameGraphGivesTheSameGradient() {
            // The first pass hands the transformed input back to the pool; the second must rebuild it.
            Tensor x = Tensor.randn(20, 2, 20, 20, 8);
            Tensor kernel = Tensor.randn(21, 3, 3, 8, 4).requiresGrad(true);
            Tensor loss = Conv2DOp.apply(x, kernel, null, 1, "valid", true).sum();
            loss.backward();
            double[] first = kernel.grad().toArray();
            kernel.zeroGrad();
            poisonTheScratchPool(36 * 2 * 25 * 8);
            loss.backward();
            assertArrayEquals(first, kernel.grad().toArray(), 0.0);
        }
    }

    /**
     * The direct path (fewer than 8 input channels), with padding, strides, filter counts that are
     * not whole vectors and batches that end in a partial chunk.
     */
    @Nested
    class DirectPath {
        @ParameterizedTest(name = "x=({0},{1},{2},{3}) k={4}x{5} filters={6} stride={7} {8}")
        @CsvSource({
            "2, 28, 28, 1, 3, 3, 32, 1, valid",
            "5, 9, 8, 1, 3, 3, 8, 1, same",
            "3, 7, 7, 3, 3, 3, 4, 2, same",
            "2, 7, 7, 3, 3, 3, 33, 2, valid",
            "1, 6, 6, 2, 4, 4, 40, 1, same",
            "2, 6, 5, 7, 5, 3, 16, 3, same",
            "1, 8, 8, 3, 1, 1, 64, 3, valid"})
        void forwardMatchesADirectLoop(int n, int h, int w, int c, int kh, int kw, int f, int stride, String padding) {
            Tensor x = Tensor.randn(1, n, h, w, c);
            Tensor kernel = Tensor.randn(2, kh, kw, c, f);
            Tensor bias = Tensor.randn(3, f);
            boolean same = padding.equals("same");
            assertArrayEquals(naive(x, kernel, bias, stride, same),
                    Conv2DOp.apply(x, kernel, bias, stride, padding).toArray(), VALUE_TOLERANCE);
            assertArrayEquals(naive(x, kernel, null, stride, same),
                    Conv2DOp.apply(x, kernel, null, stride, padding).toArray(), VALUE_TOLERANCE);
            assertArrayEquals(Conv2DOp.apply(x, kernel, bias, stride, padding).relu().toArray(),
                    Conv2DOp.apply(x, kernel, bias, stride, padding, true).toArray(), 0.0);
        }

        @Test
        void gradientsWithBiasReluSamePaddingStrideTwoAndAPartialChunk() {
            Tensor x = Tensor.randn(4, 5, 7, 6, 2).requiresGrad(true);
            Tensor kernel = Tensor.randn(5, 3, 3, 2, 9).requiresGrad(true);
            Tensor bias = Tensor.randn(6, 9).requiresGrad(true);
            Tensor weights = Tensor.randn(7, 5, 4, 3, 9);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], in[1], in[2], 2, "same", true)
                    .mul(weights).sum(), x, kernel, bias);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void gradientsOfAFirstLayerWithoutBiasOrRelu() {
            Tensor x = Tensor.randn(8, 3, 8, 8, 1);
            Tensor kernel = Tensor.randn(9, 3, 3, 1, 16).requiresGrad(true);
            Tensor weights = Tensor.randn(10, 3, 6, 6, 16);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(x, in[0], null, 1, "valid").mul(weights).sum(),
                    kernel);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void aFrozenKernelStillGivesTheBiasAndInputGradients() {
            Tensor x = Tensor.randn(11, 2, 6, 6, 3).requiresGrad(true);
            Tensor kernel = Tensor.randn(12, 3, 3, 3, 8);
            Tensor bias = Tensor.randn(13, 8).requiresGrad(true);
            Tensor weights = Tensor.randn(14, 2, 6, 6, 8);
            GradCheck.Result r = GradCheck.check(in -> Conv2DOp.apply(in[0], kernel, in[1], 1, "same", true)
                    .mul(weights).sum(), x, bias);
            assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
        }

        @Test
        void resultsAreBitIdenticalForOneAndTwoThreads() {
            Tensor x = Tensor.randn(15, 9, 28, 28, 1).requiresGrad(true);
            Tensor kernel = Tensor.randn(16, 3, 3, 1, 32).requiresGrad(true);
            Tensor bias = Tensor.randn(17, 32).requiresGrad(true);
            assertSameForOneAndTwoThreads(x, kernel, bias, "same");
        }
    }
}
