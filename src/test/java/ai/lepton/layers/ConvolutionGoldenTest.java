package ai.lepton.layers;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution and pooling layers against {@code golden/layers/convolution.json}
 * (make_convolution.py: PyTorch float64 with TensorFlow's padding written out).
 */
class ConvolutionGoldenTest {
    /** Both sides compute in double precision; sums run in other orders, and Winograd's transform adds rounding. */
    private static final double TOLERANCE = 1e-11;

    static List<LayerGolden.Case> cases() {
        return LayerGolden.cases("convolution.json", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKerasSemanticsInPyTorch(LayerGolden.Case c) {
        LayerGolden.replay(c, TOLERANCE);
    }
}
