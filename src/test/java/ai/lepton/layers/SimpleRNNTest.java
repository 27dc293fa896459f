package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SimpleRNN against PyTorch's RNNCell (float64) with Keras's semantics, and its formula by hand. */
class SimpleRNNTest {
    static Stream<RecurrentGolden.Case> golden() {
        return RecurrentGolden.layerCases("simple_rnn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void outputsStatesAndGradientsMatchPyTorch(RecurrentGolden.Case c) {
        RecurrentGolden.replay(c.json());
    }

    @Test
    void oneStepIsTheActivationOfTheTwoProductsPlusBias() {
        SimpleRNN rnn = new SimpleRNN(2).activation("relu");
        rnn.build(new int[] {1, 3}, 1L);
        Tensor kernel = Tensor.of(new double[] {1, -1, 2, 0, 0, 3}, 3, 2);
        rnn.setWeights(java.util.List.of(kernel, Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), Tensor.of(new double[] {0.5, -4}, 2)));
        Tensor y = rnn.call(Tensor.of(new double[] {1, 1, 1}, 1, 1, 3), false);
        assertArrayEquals(new double[] {3.5, 0.0}, y.toArray(), 0.0);
    }
}
