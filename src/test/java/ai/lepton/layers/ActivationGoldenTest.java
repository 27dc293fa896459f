package ai.lepton.layers;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The activation layers and the activation functions by name against
 * {@code golden/layers/activations.json} (make_activations.py).
 */
class ActivationGoldenTest {
    /** Both sides compute the same formulas in double precision, up to the last bits of exp and log. */
    private static final double TOLERANCE = 1e-13;

    static List<LayerGolden.Case> cases() {
        return LayerGolden.cases("activations.json", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKerasFormulasInPyTorch(LayerGolden.Case c) {
        LayerGolden.replay(c, TOLERANCE);
    }
}
