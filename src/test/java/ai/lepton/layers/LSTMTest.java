package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LSTM against PyTorch's LSTMCell (float64, gates i, f, g, o = Keras's i, f, c, o) with Keras's
 * semantics, and Keras's initial weights.
 */
class LSTMTest {
    private static final double ORTHONORMAL_TOLERANCE = 1e-12;

    static Stream<RecurrentGolden.Case> golden() {
        return RecurrentGolden.layerCases("lstm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void outputsStatesAndGradientsMatchPyTorch(RecurrentGolden.Case c) {
        RecurrentGolden.replay(c.json());
    }

    @Test
    void theForgetGatesBiasStartsAtOneAndTheRecurrentKernelIsOrthogonal() {
        LSTM lstm = new LSTM(4);
        lstm.build(new int[] {5, 3}, 3L);
        double[] bias = lstm.getWeights().get(2).toArray();
        double[] expected = new double[16];
        Arrays.fill(expected, 4, 8, 1.0);
        assertArrayEquals(expected, bias, 0.0);
        double[] r = lstm.getWeights().get(1).toArray();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int k = 0; k < 16; k++) {
                    dot += r[i * 16 + k] * r[j * 16 + k];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, ORTHONORMAL_TOLERANCE, "rows of the (4, 16) recurrent kernel");
            }
        }
        LSTM plain = new LSTM(4).unitForgetBias(false).biasInitializer("ones");
        plain.build(new int[] {5, 3}, 3L);
        double[] ones = new double[16];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, plain.getWeights().get(2).toArray(), 0.0);
        assertEquals(java.util.List.of("kernel", "recurrent_kernel", "bias"), lstm.weightNames());
    }
}
