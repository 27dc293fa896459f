package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class Conv1DTest {
    private static final double GRAD_TOLERANCE = 1e-6;

    @Test
    void causalPaddingSeesNoFutureStep() {
        Conv1D conv = built(new Conv1D(1, 3).padding("causal").dilationRate(2).useBias(false), 8, 1);
        conv.setWeights(List.of(Tensor.of(new double[] {1, 10, 100}, 3, 1, 1)));
        double[] steps = {1, 2, 3, 4, 5, 6, 7, 8};
        Tensor y = conv.call(Tensor.of(steps, 1, 8, 1), false);
        assertArrayEquals(new int[] {1, 8, 1}, y.shape());
        // y[t] = x[t − 4] + 10 x[t − 2] + 100 x[t], zeros before the sequence
        for (int t = 0; t < 8; t++) {
            double expected = 100 * steps[t] + (t >= 2 ? 10 * steps[t - 2] : 0) + (t >= 4 ? steps[t - 4] : 0);
            assertEquals(expected, y.get(0, t, 0), 0.0);
        }
    }

    @Test
    void outputLengthsFollowKerasForEveryPadding() {
        assertArrayEquals(new int[] {4, 5}, built(new Conv1D(5, 3).strides(2), 9, 2).outputShape());
        assertArrayEquals(new int[] {5, 5}, built(new Conv1D(5, 4).strides(2).padding("same"), 9, 2).outputShape());
        assertArrayEquals(new int[] {9, 5}, built(new Conv1D(5, 4).padding("causal").dilationRate(3), 9, 2).outputShape());
        assertArrayEquals(new int[] {3, 3, 4}, built(new Conv1D(4, 3).groups(2), 5, 6).getWeights().get(0).shape());
    }

    @Test
    void gradientsOfStridedDilatedAndGroupedCases() {
        for (Conv1D conv : List.of(new Conv1D(3, 3).strides(2).padding("same"), new Conv1D(2, 2).padding("causal").dilationRate(2),
                new Conv1D(4, 3, "tanh").groups(2))) {
            built(conv, 7, 4);
            Tensor x = Tensor.randn(5, 2, 7, 4).requiresGrad(true);
            Tensor mix = Tensor.randn(6, conv.call(x, false).shape());
            List<Tensor> weights = conv.trainableWeights();
            GradCheck.Result r = GradCheck.check(in -> conv.call(x, false).mul(mix).sum(), x, weights.get(0), weights.get(1));
            assertTrue(r.passed(GRAD_TOLERANCE), conv + ": " + r);
        }
    }

    @Test
    void configRoundTripsAndCausalIsOneDimensionalOnly() {
        Conv1D conv = new Conv1D(8, 5, "relu").strides(2).padding("causal").groups(2);
        Config config = conv.getConfig();
        assertArrayEquals(new int[] {5}, config.getInts("kernel_size"));
        assertEquals("causal", config.getString("padding"));
        assertEquals(config, Conv1D.fromConfig(config.copy()).getConfig());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(8, 3).padding("causal"));
        assertTrue(e.getMessage().contains("Received: padding=causal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(8, 3).strides(2, 2));
    }

    @Test
    void badInputNamesTheLayerAndShapes() {
        Conv1D conv = new Conv1D(4, 5);
        conv.name("seq");
        ShapeException tooShort = assertThrows(ShapeException.class, () -> conv.build(new int[] {4, 3}, 0L));
        assertTrue(tooShort.getMessage().contains("'seq' (Conv1D)") && tooShort.getMessage().contains("(None, 4, 3)"),
                tooShort.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new Conv1D(4, 3), 8, 8, 3));
        assertTrue(rank.getMessage().contains("(None, steps, channels)") && rank.getMessage().contains("(None, 8, 8, 3)"),
                rank.getMessage());
        ShapeException groups = assertThrows(ShapeException.class, () -> built(new Conv1D(4, 3).groups(4), 8, 6));
        assertTrue(groups.getMessage().contains("groups=4") && groups.getMessage().contains("6 channels"), groups.getMessage());
    }

    private static Conv1D built(Conv1D layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
