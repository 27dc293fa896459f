package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GRU against PyTorch float64: reset_after=True against torch's GRUCell (rows r, z, n reordered to
 * Keras's z, r, h; the (2, 3·units) bias as torch's b_ih and b_hh), reset_after=False against the
 * formula written out in torch.
 */
class GRUTest {
    static Stream<RecurrentGolden.Case> golden() {
        return Stream.concat(RecurrentGolden.layerCases("gru"), RecurrentGolden.layerCases("gru_reset_before"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void outputsStatesAndGradientsMatchPyTorch(RecurrentGolden.Case c) {
        RecurrentGolden.replay(c.json());
    }

    @Test
    void theBiasHasAnInputRowAndARecurrentRowOnlyWithResetAfter() {
        GRU after = new GRU(4);
        after.build(new int[] {6, 3}, 1L);
        assertArrayEquals(new int[] {2, 12}, after.getWeights().get(2).shape());
        GRU before = new GRU(4).resetAfter(false);
        before.build(new int[] {6, 3}, 1L);
        assertArrayEquals(new int[] {12}, before.getWeights().get(2).shape());
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), after.weightNames());
    }

    @Test
    void withZeroWeightsTheUpdateGateIsOneHalfAndTheStateMovesHalfwayToTheCandidate() {
        GRU gru = new GRU(1);
        gru.build(new int[] {1, 1}, 1L);
        gru.setWeights(List.of(Tensor.of(new double[] {0, 0, 2}, 1, 3), Tensor.zeros(1, 3), Tensor.zeros(2, 3)));
        Tensor y = gru.call(Tensor.of(new double[] {1}, 1, 1, 1), false);
        assertArrayEquals(new double[] {0.5 * Math.tanh(2)}, y.toArray(), 1e-16);
    }
}
