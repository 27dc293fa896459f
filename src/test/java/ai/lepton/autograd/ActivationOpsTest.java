package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Keras activations that Tensor lacks: values against direct formulas, gradients against finite differences. */
class ActivationOpsTest {
    private static final double GRAD_TOLERANCE = 1e-6;
    private static final double VALUE_TOLERANCE = 1e-14;
    /** Points away from the kink at 0 that the relu family has. */
    private static final double[] POINTS = {-3.1, -1.7, -0.4, -0.05, 0.03, 0.3, 0.9, 2.2, 4.5};
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("elu", (UnaryOperator<Tensor>) Elu::apply,
                        (DoubleUnaryOperator) x -> x > 0 ? x : Math.exp(x) - 1),
                Arguments.of("selu", (UnaryOperator<Tensor>) Selu::apply,
                        (DoubleUnaryOperator) x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1))),
                Arguments.of("softplus", (UnaryOperator<Tensor>) Softplus::apply,
                        (DoubleUnaryOperator) x -> Math.log(1 + Math.exp(x))),
                Arguments.of("softsign", (UnaryOperator<Tensor>) Softsign::apply,
                        (DoubleUnaryOperator) x -> x / (1 + Math.abs(x))),
                Arguments.of("leaky_relu", (UnaryOperator<Tensor>) LeakyRelu::apply,
                        (DoubleUnaryOperator) x -> x > 0 ? x : 0.2 * x),
                Arguments.of("leaky_relu(0.01)", (UnaryOperator<Tensor>) t -> LeakyRelu.apply(t, 0.01),
                        (DoubleUnaryOperator) x -> x > 0 ? x : 0.01 * x),
                Arguments.of("gelu", (UnaryOperator<Tensor>) Gelu::apply,
                        (DoubleUnaryOperator) x -> 0.5 * x * (1 + ErrorFunction.erf(x / Math.sqrt(2)))),
                Arguments.of("swish", (UnaryOperator<Tensor>) Swish::apply,
                        (DoubleUnaryOperator) x -> x / (1 + Math.exp(-x))),
                Arguments.of("elu(0.5)", (UnaryOperator<Tensor>) t -> Elu.apply(t, 0.5),
                        (DoubleUnaryOperator) x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1)),
                Arguments.of("relu6", (UnaryOperator<Tensor>) t -> GeneralRelu.apply(t, 0.0, 6.0, 0.0),
                        (DoubleUnaryOperator) x -> Math.min(Math.max(x, 0), 6)),
                Arguments.of("relu(slope 0.1, max 2, threshold 0.5)", (UnaryOperator<Tensor>) t -> GeneralRelu.apply(t, 0.1, 2.0, 0.5),
                        (DoubleUnaryOperator) x -> x > 0.5 ? Math.min(x, 2) : 0.1 * (x - 0.5)),
                Arguments.of("hard_sigmoid", (UnaryOperator<Tensor>) HardSigmoid::apply,
                        (DoubleUnaryOperator) x -> Math.min(Math.max(x / 6 + 0.5, 0), 1)),
                Arguments.of("hard_silu", (UnaryOperator<Tensor>) HardSilu::apply,
                        (DoubleUnaryOperator) x -> x * Math.min(Math.max(x / 6 + 0.5, 0), 1)),
                Arguments.of("mish", (UnaryOperator<Tensor>) Mish::apply,
                        (DoubleUnaryOperator) x -> x * Math.tanh(Math.log(1 + Math.exp(x)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void valuesMatchTheDirectFormula(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator reference) {
        double[] y = op.apply(Tensor.of(POINTS, POINTS.length)).toArray();
        for (int i = 0; i < POINTS.length; i++) {
            double expected = reference.applyAsDouble(POINTS[i]);
            assertEquals(expected, y[i], VALUE_TOLERANCE * Math.max(1, Math.abs(expected)), name + "(" + POINTS[i] + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void gradientMatchesFiniteDifferences(String name, UnaryOperator<Tensor> op) {
        Tensor x = Tensor.of(POINTS, 3, 3).requiresGrad(true);
        Tensor weights = Tensor.randn(3, 3, 3);
        GradCheck.Result r = GradCheck.check(in -> op.apply(in[0]).mul(weights).sum(), x);
        assertTrue(r.passed(GRAD_TOLERANCE), name + ": " + r);
    }

    @Test
    void geluMatchesTheNormalTableAtOneAndTwo() {
        // Standard normal CDF: Phi(1) = 0.8413447460685429, Phi(2) = 0.9772498680518208.
        double[] y = Gelu.apply(Tensor.of(new double[] {1, -1, 2}, 3)).toArray();
        assertEquals(0.8413447460685429, y[0], VALUE_TOLERANCE);
        assertEquals(-(1 - 0.8413447460685429), y[1], VALUE_TOLERANCE);
        assertEquals(2 * 0.9772498680518208, y[2], VALUE_TOLERANCE);
    }

    @Test
    void extremeInputsStayFinite() {
        Tensor x = Tensor.of(new double[] {-1000, -40, 40, 1000}, 4);
        double[] softplus = Softplus.apply(x).toArray();
        assertEquals(0.0, softplus[0], 0.0);
        assertEquals(1000.0, softplus[3], 0.0);
        assertEquals(Math.exp(-40), softplus[1], 1e-15 * Math.exp(-40));
        double[] gelu = Gelu.apply(x).toArray();
        assertEquals(0.0, gelu[0], 0.0);
        assertEquals(1000.0, gelu[3], 0.0);
        double[] swish = Swish.apply(x).toArray();
        assertEquals(0.0, swish[0], 0.0);
        assertEquals(1000.0, swish[3], 0.0);
        for (double v : Elu.apply(x).toArray()) {
            assertTrue(Double.isFinite(v));
        }
        double[] mish = Mish.apply(x).toArray();
        assertEquals(0.0, mish[0], 0.0);
        assertEquals(1000.0, mish[3], 0.0);
    }

    @Test
    void generalReluKeepsNaNAndZeroSlopeGivesZeroAtMinusInfinity() {
        double[] y = GeneralRelu.apply(Tensor.of(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 9.0}, 3), 0.0, 6.0, 1.0).toArray();
        assertTrue(Double.isNaN(y[0]));
        assertEquals(0.0, y[1], 0.0);
        assertEquals(6.0, y[2], 0.0);
    }
}
