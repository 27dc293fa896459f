package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Padding;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Workspace;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Winograd path of {@link Conv2DOp}: forward against {@link Conv2DOpTest#naive}, gradients
 * against finite differences, on sizes whose tiles run past the output and batches that end in a
 * partial chunk.
 */
class Conv2DWinogradOpTest {
    private static final double VALUE_TOLERANCE = 1e-11;
    private static final double GRAD_TOLERANCE = 1e-6;

    @Test
    void takesThreeByThreeStrideOneKernelsOverEnoughChannels() {
        assertTrue(Conv2DWinogradOp.applies(window(8, 3, 1)));
        assertFalse(Conv2DWinogradOp.applies(window(Conv2DWinogradOp.MIN_CHANNELS - 1, 3, 1)));
        assertFalse(Conv2DWinogradOp.applies(window(8, 3, 2)));
        assertFalse(Conv2DWinogradOp.applies(window(8, 5, 1)));
    }

    private static SlidingWindow window(int channels, int kernel, int stride) {
        return new SlidingWindow(2, 9, 9, channels, kernel, kernel, stride, stride, Padding.SAME);
    }

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
        assertArrayEquals(Conv2DOpTest.naive(x, kernel, bias, 1, same),
                Conv2DOp.apply(x, kernel, bias, 1, padding).toArray(), VALUE_TOLERANCE);
        assertArrayEquals(Conv2DOpTest.naive(x, kernel, null, 1, same),
                Conv2DOp.apply(x, kernel, null, 1, padding).toArray(), VALUE_TOLERANCE);
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
        int batch = Conv2DWinogradOp.GROUP + 1;
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
        double[] scratch = Workspace.take(36 * 2 * 25 * 8);
        Arrays.fill(scratch, 1e9);
        Workspace.give(scratch);
        loss.backward();
        assertArrayEquals(first, kernel.grad().toArray(), 0.0);
    }
}
