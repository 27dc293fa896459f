package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every convolution algorithm keeps: the choice by geometry; forward and the three
 * gradients against the definition (a loop over outputs and window cells); and what forward
 * keeps changing no bit of backward, including a second backward pass after the first has given
 * the kept arrays back.
 */
class ConvolutionTest {
    private static final double TOLERANCE = 1e-11;

    @Test
    void theGeometryChoosesTheAlgorithm() {
        assertSame(WinogradConvolution.INSTANCE, Convolution.choose(window(8, 3, 1, 1)));
        assertSame(DirectConvolution.INSTANCE, Convolution.choose(window(Convolution.DEEP_CHANNELS - 1, 3, 1, 1)));
        assertSame(DirectConvolution.INSTANCE, Convolution.choose(window(3, 5, 2, 1)));
        assertSame(Im2ColConvolution.INSTANCE, Convolution.choose(window(8, 3, 2, 1)));
        assertSame(Im2ColConvolution.INSTANCE, Convolution.choose(window(8, 5, 1, 1)));
        assertSame(Im2ColConvolution.INSTANCE, Convolution.choose(window(8, 3, 1, 2)));
        assertSame(Im2ColConvolution.INSTANCE, Convolution.choose(window(1, 3, 1, 2)));
    }

    private static SlidingWindow window(int channels, int kernel, int stride, int dilation) {
        return new SlidingWindow(2, 9, 9, channels, kernel, kernel, stride, stride, dilation, dilation, 0, 0, 0, 0);
    }

    static Stream<Arguments> algorithmsAndGeometries() {
        return Stream.of(
                // Tiles that run past the output, a partial chunk, and two groups of images.
                Arguments.of("winograd", new SlidingWindow(5, 7, 9, 8, 3, 3, 1, 1, Padding.SAME)),
                Arguments.of("winograd", new SlidingWindow(WinogradConvolution.GROUP + 1, 5, 6, 9, 3, 3, 1, 1,
                        Padding.VALID)),
                Arguments.of("direct", new SlidingWindow(5, 8, 7, 2, 3, 3, 2, 2, Padding.SAME)),
                Arguments.of("direct", new SlidingWindow(3, 9, 9, 1, 3, 3, 1, 1, Padding.VALID)),
                Arguments.of("im2col", new SlidingWindow(6, 7, 7, 8, 3, 3, 2, 2, Padding.SAME)),
                Arguments.of("im2col", new SlidingWindow(2, 9, 8, 3, 3, 2, 1, 2, 2, 3, 2, 0, 1, 1)),
                // Any algorithm computes any undilated geometry; each of these is another's.
                Arguments.of("im2col", new SlidingWindow(5, 7, 9, 8, 3, 3, 1, 1, Padding.SAME)),
                Arguments.of("direct", new SlidingWindow(6, 7, 7, 8, 3, 3, 2, 2, Padding.SAME)),
                Arguments.of("direct", new SlidingWindow(5, 7, 9, 8, 3, 3, 1, 1, Padding.SAME)));
    }

    private static Convolution algorithm(String name) {
        return switch (name) {
            case "winograd" -> WinogradConvolution.INSTANCE;
            case "direct" -> DirectConvolution.INSTANCE;
            default -> Im2ColConvolution.INSTANCE;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("algorithmsAndGeometries")
    void forwardAndGradientsMatchTheDefinition(String name, SlidingWindow w) {
        Random random = new Random(w.hashCode());
        int filters = 5;
        double[] x = gaussian(random, (int) w.inputSize());
        double[] kernel = gaussian(random, w.patchSize() * filters);
        double[] bias = gaussian(random, filters);
        double[] g = gaussian(random, (int) w.positions() * filters);
        for (boolean relu : new boolean[] {false, true}) {
            double[] y = new double[(int) w.positions() * filters];
            Convolution.Pass pass = algorithm(name)
                    .forward(w, x, kernel, filters, bias, relu, Convolution.Keep.FOR_KERNEL_GRADIENT, y);
            double[] expected = Im2ColTest.directConvolution(w, x, kernel, filters);
            for (int i = 0; i < expected.length; i++) {
                expected[i] += bias[i % filters];
                expected[i] = relu ? Math.max(expected[i], 0.0) : expected[i];
            }
            assertArrayEquals(expected, y, TOLERANCE, "forward");
            double[] dx = new double[x.length];
            double[] dKernel = new double[kernel.length];
            double[] dBias = new double[filters];
            pass.backward(g, dx, dKernel, dBias);
            double[] masked = g.clone();
            for (int i = 0; i < masked.length; i++) {
                masked[i] = relu && y[i] <= 0 ? 0.0 : masked[i];
            }
            double[][] definition = gradients(w, x, kernel, filters, masked);
            assertArrayEquals(definition[0], dx, TOLERANCE, "input gradient");
            assertArrayEquals(definition[1], dKernel, TOLERANCE, "kernel gradient");
            assertArrayEquals(definition[2], dBias, TOLERANCE, "bias gradient");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("algorithmsAndGeometries")
    void whatForwardKeepsChangesNoBitOfBackwardNorDoesASecondBackward(String name, SlidingWindow w) {
        Random random = new Random(w.hashCode() + 1L);
        int filters = 4;
        double[] x = gaussian(random, (int) w.inputSize());
        double[] kernel = gaussian(random, w.patchSize() * filters);
        double[] g = gaussian(random, (int) w.positions() * filters);
        double[][] reference = null;
        for (Convolution.Keep keep : Convolution.Keep.values()) {
            double[] y = new double[(int) w.positions() * filters];
            Convolution.Pass pass = algorithm(name).forward(w, x, kernel, filters, null, true, keep, y);
            for (int run = 0; run < 2; run++) {
                double[][] grads = {new double[x.length], new double[kernel.length], new double[filters]};
                pass.backward(g, grads[0], grads[1], grads[2]);
                if (reference == null) {
                    reference = grads;
                }
                for (int i = 0; i < grads.length; i++) {
                    assertArrayEquals(reference[i], grads[i], 0.0,
                            keep + ", backward " + (run + 1) + ", gradient " + i);
                }
                fillThePoolWithGarbage();
            }
        }
    }

    /** Leaves arrays full of large values in the scratch pool, where a stale kept array would be found. */
    private static void fillThePoolWithGarbage() {
        try (Scratch scratch = Scratch.open()) {
            for (int i = 0; i < Scratch.MAX_POOLED; i++) {
                Arrays.fill(scratch.take(Scratch.MIN_POOLED << i % 4), 1e9);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("nonFiniteInputs")
    void aNonFiniteInputReachesExactlyTheOutputsThatSeeIt(double bad, double expected) {
        SlidingWindow w = new SlidingWindow(2, 9, 10, 8, 3, 3, 1, 1, Padding.SAME);
        assertSame(WinogradConvolution.INSTANCE, Convolution.choose(w));
        Random random = new Random(11);
        double[] x = new double[(int) w.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        int row = 4;
        int col = 5;
        int channel = 3;
        x[((9 + row) * 10 + col) * 8 + channel] = bad;   // image 1
        double[] kernel = new double[w.patchSize() * 2];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = 0.1 + random.nextDouble();       // positive, so +Inf stays +Inf
        }
        double[] y = new double[(int) w.positions() * 2];
        Convolution.choose(w).forward(w, x, kernel, 2, new double[2], false, Convolution.Keep.NOTHING, y);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 10; j++) {
                    boolean sees = b == 1 && Math.abs(i - row) <= 1 && Math.abs(j - col) <= 1;
                    for (int f = 0; f < 2; f++) {
                        double v = y[((b * 9 + i) * 10 + j) * 2 + f];
                        String at = "image " + b + " (" + i + ", " + j + ") filter " + f + ": " + v;
                        assertTrue(sees ? Double.compare(v, expected) == 0 : Double.isFinite(v), at);
                    }
                }
            }
        }
    }

    static Stream<Arguments> nonFiniteInputs() {
        return Stream.of(Arguments.of(Double.NaN, Double.NaN),
                Arguments.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                Arguments.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void onlyTheGradientsAskedForAreComputed() {
        SlidingWindow w = new SlidingWindow(3, 6, 6, 8, 3, 3, 1, 1, Padding.SAME);
        Random random = new Random(4);
        double[] x = gaussian(random, (int) w.inputSize());
        double[] kernel = gaussian(random, w.patchSize() * 2);
        double[] y = new double[(int) w.positions() * 2];
        double[] g = gaussian(random, y.length);
        Convolution.Pass pass = Convolution.choose(w).forward(w, x, kernel, 2, null, false,
                Convolution.Keep.FOR_INPUT_GRADIENT, y);
        double[] dx = new double[x.length];
        pass.backward(g, dx, null, null);
        assertArrayEquals(gradients(w, x, kernel, 2, g)[0], dx, TOLERANCE);
    }

    @Test
    void arraysTooShortForTheirPartAreNamed() {
        SlidingWindow w = new SlidingWindow(2, 5, 5, 3, 3, 3, 1, 1, Padding.VALID);
        Convolution conv = Convolution.choose(w);
        double[] x = new double[(int) w.inputSize()];
        double[] kernel = new double[27 * 4];
        double[] y = new double[(int) w.positions() * 4];
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(w, new double[5], kernel, 4, null, false, Convolution.Keep.NOTHING, y));
        assertTrue(input.getMessage().contains("input"), input.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(w, x, kernel, 4, new double[3], false, Convolution.Keep.NOTHING, y));
        assertTrue(bias.getMessage().contains("bias"), bias.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> conv.forward(w, x, kernel, 0, null, false, Convolution.Keep.NOTHING, y));
        Convolution.Pass pass = conv.forward(w, x, kernel, 4, null, false, Convolution.Keep.NOTHING, y);
        IllegalArgumentException dKernel = assertThrows(IllegalArgumentException.class,
                () -> pass.backward(y, null, new double[4], null));
        assertTrue(dKernel.getMessage().contains("kernel gradient"), dKernel.getMessage());
    }

    /**
     * dx, dKernel and dBias of {@code sum(g · conv(x, kernel))} by the definition: each output's
     * gradient times the input or weight under each of its window's taps.
     */
    private static double[][] gradients(SlidingWindow w, double[] x, double[] kernel, int filters, double[] g) {
        double[] dx = new double[x.length];
        double[] dKernel = new double[kernel.length];
        double[] dBias = new double[filters];
        int c = w.channels();
        for (int b = 0; b < w.batch(); b++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int f = 0; f < filters; f++) {
                        double gv = g[((b * w.outHeight() + oy) * w.outWidth() + ox) * filters + f];
                        dBias[f] += gv;
                        for (int ky = 0; ky < w.kernelH(); ky++) {
                            for (int kx = 0; kx < w.kernelW(); kx++) {
                                int iy = oy * w.strideH() - w.padTop() + ky * w.dilationH();
                                int ix = ox * w.strideW() - w.padLeft() + kx * w.dilationW();
                                if (iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width()) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    int xi = ((b * w.height() + iy) * w.width() + ix) * c + ch;
                                    int ki = ((ky * w.kernelW() + kx) * c + ch) * filters + f;
                                    dx[xi] += gv * kernel[ki];
                                    dKernel[ki] += gv * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dx, dKernel, dBias};
    }

    private static double[] gaussian(Random random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }
}
