package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DepthwiseConv2D's shapes, settings and errors (numbers against PyTorch in {@link ConvolutionGoldenTest}). */
class DepthwiseConv2DTest {

    @Test
    void eachChannelKeepsToItsOwnFilters() {
        DepthwiseConv2D conv = built(new DepthwiseConv2D(1).depthMultiplier(2).useBias(false), 2, 2, 2);
        // channel 0 times (1, 10), channel 1 times (100, 1000): outputs (c0, 10 c0, 100 c1, 1000 c1)
        conv.setWeights(List.of(Tensor.of(new double[] {1, 10, 100, 1000}, 1, 1, 2, 2)));
        Tensor y = conv.call(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2), false);
        assertArrayEquals(new int[] {1, 2, 2, 4}, y.shape());
        assertArrayEquals(new double[] {1, 10, 200, 2000, 3, 30, 400, 4000, 5, 50, 600, 6000, 7, 70, 800, 8000},
                y.toArray(), 0.0);
    }

    @Test
    void weightsAndConfigAreKeras() {
        DepthwiseConv2D conv = built(new DepthwiseConv2D(3).kernelSize(3, 5).depthMultiplier(2).strides(2, 1)
                .padding("same").kernelInitializer("he_normal"), 7, 9, 4);
        assertArrayEquals(new int[] {4, 9, 8}, conv.outputShape());
        assertEquals(List.of("kernel", "bias"), conv.weightNames());
        assertArrayEquals(new int[] {3, 5, 4, 2}, conv.getWeights().get(0).shape());
        assertArrayEquals(new int[] {8}, conv.getWeights().get(1).shape());
        assertEquals(3 * 5 * 4 * 2 + 8, conv.countParams());
        Config config = conv.getConfig();
        assertEquals(2, config.getInt("depth_multiplier"));
        assertEquals("he_normal", config.getString("depthwise_initializer"));
        assertTrue(!config.has("kernel_initializer") && config.has("depthwise_regularizer") && config.has("depthwise_constraint"),
                config.toString());
        assertEquals(config, Layers.fromConfig("DepthwiseConv2D", config.copy()).getConfig());
    }

    @Test
    void badSettingsAndInputsNameTheLayerAndShapes() {
        IllegalArgumentException multiplier = assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).depthMultiplier(0));
        assertTrue(multiplier.getMessage().contains("Received: depth_multiplier=0"), multiplier.getMessage());
        DepthwiseConv2D conv = new DepthwiseConv2D(5);
        conv.name("dw");
        ShapeException big = assertThrows(ShapeException.class, () -> conv.build(new int[] {4, 8, 3}, 0L));
        assertTrue(big.getMessage().contains("'dw' (DepthwiseConv2D)") && big.getMessage().contains("(5, 5)")
                && big.getMessage().contains("(None, 4, 8, 3)"), big.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new DepthwiseConv2D(3), 8, 3));
        assertTrue(rank.getMessage().contains("(None, height, width, channels)"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).padding("causal"));
    }

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
