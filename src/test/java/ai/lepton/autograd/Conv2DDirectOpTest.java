package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Padding;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The direct path of {@link Conv2DOp} for inputs with few channels: forward against
 * {@link Conv2DOpTest#naive}, gradients against finite differences, with padding, strides,
 * filter counts that are not whole vectors and batches that end in a partial chunk.
 */
class Conv2DDirectOpTest {
    private static final double VALUE_TOLERANCE = 1e-12;
    private static final double GRAD_TOLERANCE = 1e-6;

    @Test
    void takesInputsWithFewerChannelsThanWinogradNeeds() {
        assertTrue(Conv2DDirectOp.applies(new SlidingWindow(1, 9, 9, 1, 3, 3, 1, 1, Padding.VALID)));
        assertTrue(Conv2DDirectOp.applies(new SlidingWindow(1, 9, 9, 3, 5, 5, 2, 2, Padding.SAME)));
        assertFalse(Conv2DDirectOp.applies(new SlidingWindow(1, 9, 9, Conv2DWinogradOp.MIN_CHANNELS, 5, 5, 2, 2,
                Padding.SAME)));
    }

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
        assertArrayEquals(Conv2DOpTest.naive(x, kernel, bias, stride, same),
                Conv2DOp.apply(x, kernel, bias, stride, padding).toArray(), VALUE_TOLERANCE);
        assertArrayEquals(Conv2DOpTest.naive(x, kernel, null, stride, same),
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
        Conv2DOpTest.assertSameForOneAndTwoThreads(x, kernel, bias, "same");
    }
}
