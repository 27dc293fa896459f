package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conv1DTranspose and Conv2DTranspose (numbers against PyTorch in {@link ConvolutionGoldenTest}). */
class ConvTransposeTest {

    @Test
    void outputSizesFollowKerasForEveryPaddingAndOutputPadding() {
        assertArrayEquals(new int[] {14, 10, 4}, built(new Conv2DTranspose(4, 3).strides(2).padding("same"), 7, 5, 2).outputShape());
        assertArrayEquals(new int[] {15, 11, 4}, built(new Conv2DTranspose(4, 3).strides(2), 7, 5, 2).outputShape());
        // valid, stride 3 > kernel 2: (in - 1)·3 + max(2, 3)
        assertArrayEquals(new int[] {21, 4}, built(new Conv1DTranspose(4, 2).strides(3), 7, 2).outputShape());
        // same with output_padding: (in - 1)·s + k % 2 + op, so 12 + 1 + 0 and 8 + 0 + 1
        assertArrayEquals(new int[] {13, 9, 4},
                built(new Conv2DTranspose(4, 3).kernelSize(3, 4).strides(2).padding("same").outputPadding(0, 1), 7, 5, 2)
                        .outputShape());
        assertArrayEquals(new int[] {3, 3, 4, 2}, built(new Conv2DTranspose(4, 3), 5, 5, 2).getWeights().get(0).shape());
    }

    @Test
    void aStrideTwoTransposeSpreadsEachPixelOverItsWindow() {
        Conv2DTranspose up = built(new Conv2DTranspose(1, 2).strides(2).useBias(false), 2, 2, 1);
        up.setWeights(List.of(Tensor.of(new double[] {1, 10, 100, 1000}, 2, 2, 1, 1)));
        Tensor y = up.call(Tensor.of(new double[] {1, 2, 3, 4}, 1, 2, 2, 1), false);
        assertArrayEquals(new double[] {1, 10, 2, 20, 100, 1000, 200, 2000, 3, 30, 4, 40, 300, 3000, 400, 4000},
                y.toArray(), 0.0);
    }

    @Test
    void configIsKerasAndRoundTrips() {
        Conv2DTranspose conv = new Conv2DTranspose(8, 3, "relu").strides(2, 1).padding("same").outputPadding(1, 0);
        Config config = conv.getConfig();
        assertArrayEquals(new int[] {1, 0}, config.getInts("output_padding"));
        assertEquals(config, Layers.fromConfig("Conv2DTranspose", config.copy()).getConfig());
        Config plain = new Conv1DTranspose(4, 3).getConfig();
        assertNull(plain.get("output_padding"));
        assertEquals(plain, Layers.fromConfig("Conv1DTranspose", plain.copy()).getConfig());
    }

    @Test
    void badSettingsAndInputsNameTheLayerAndValues() {
        Conv2DTranspose conv = new Conv2DTranspose(4, 3).strides(2).outputPadding(2);
        conv.name("up");
        IllegalArgumentException op = assertThrows(IllegalArgumentException.class, () -> conv.build(new int[] {4, 4, 2}, 0L));
        assertTrue(op.getMessage().contains("'up' (Conv2DTranspose)") && op.getMessage().contains("output_padding=[2, 2]"),
                op.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv1DTranspose(4, 3).padding("causal"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2DTranspose(4, 3).outputPadding(-1));
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new Conv1DTranspose(4, 3), 4, 4, 2));
        assertTrue(rank.getMessage().contains("(None, steps, channels)") && rank.getMessage().contains("(None, 4, 4, 2)"),
                rank.getMessage());
    }

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
