package ai.lepton.layers;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The normalization layers against {@code golden/layers/normalization_layers.json} (make_normalization_layers.py). */
class NormalizationGoldenTest {
    /** Both sides compute in double precision; the sums are added in other orders. */
    private static final double TOLERANCE = 1e-12;

    static List<LayerGolden.Case> cases() {
        return LayerGolden.cases("normalization_layers.json", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKerasFormulasInPyTorch(LayerGolden.Case c) {
        LayerGolden.replay(c, TOLERANCE);
    }
}
