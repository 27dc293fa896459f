package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The elementwise merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum. */
class MergeTest {
    private static final double[] A = {1, -2, 3, 0.5};
    private static final double[] B = {4, 5, -6, 0.5};
    private static final double[] C = {-1, 0, 2, 8};

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("add", (Supplier<Merge>) Add::new, new double[] {4, 3, -1, 9}),
                Arguments.of("subtract", (Supplier<Merge>) Subtract::new, null),
                Arguments.of("multiply", (Supplier<Merge>) Multiply::new, new double[] {-4, 0, -36, 2}),
                Arguments.of("average", (Supplier<Merge>) Average::new, new double[] {4 / 3.0, 1, -1 / 3.0, 3}),
                Arguments.of("maximum", (Supplier<Merge>) Maximum::new, new double[] {4, 5, 3, 8}),
                Arguments.of("minimum", (Supplier<Merge>) Minimum::new, new double[] {-1, -2, -6, 0.5}));
    }

    private static Tensor t(double[] v) {
        return Tensor.of(v, 1, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void combinesThreeInputsElementwise(String name, Supplier<Merge> make, double[] expected) {
        Merge layer = make.get();
        if (expected == null) {
            assertThrows(IllegalArgumentException.class, () -> layer.computeOutputShapes(List.of(new int[] {4}, new int[] {4},
                    new int[] {4})), "subtract takes exactly two inputs");
            assertArrayEquals(new double[] {-3, -7, 9, 0}, layer.call(List.of(t(A), t(B)), false).get(0).toArray(), 0.0);
            return;
        }
        assertArrayEquals(expected, layer.call(List.of(t(A), t(B), t(C)), false).get(0).toArray(), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void shapesMustAgreeOrBroadcastAndOneInputIsNotEnough(String name, Supplier<Merge> make, double[] expected) {
        Merge layer = make.get();
        assertArrayEquals(new int[] {3, 4}, layer.computeOutputShapes(List.of(new int[] {3, 4}, new int[] {1, 4})).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.computeOutputShapes(List.of(new int[] {3})));
        assertTrue(e.getMessage().contains("at least 2 inputs") || e.getMessage().contains("exactly 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.computeOutputShapes(List.of(new int[] {3}, new int[] {4})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void gradientsMatchFiniteDifferencesAndTheConfigRoundTrips(String name, Supplier<Merge> make, double[] expected) {
        Merge layer = make.get();
        Tensor a = Tensor.randn(1, 2, 4).requiresGrad(true);
        Tensor b = Tensor.randn(2, 2, 4).requiresGrad(true);
        Tensor w = Tensor.randn(3, 2, 4);
        assertTrue(GradCheck.check(in -> layer.call(List.of(in[0], in[1]), true).get(0).mul(w).sum(), a, b).passed(1e-6));
        layer.name(name);
        assertEquals(layer.getConfig(), Layers.fromConfig(Layers.nameOf(layer), layer.getConfig()).getConfig());
    }
}
