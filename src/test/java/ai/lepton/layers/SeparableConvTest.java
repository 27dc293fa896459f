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

/** SeparableConv1D and SeparableConv2D (numbers against PyTorch in {@link ConvolutionGoldenTest}). */
class SeparableConvTest {

    @Test
    void weightsComeInKerasOrderAndShapes() {
        SeparableConv2D conv = built(new SeparableConv2D(16, 3).depthMultiplier(2).padding("same"), 9, 9, 4);
        assertEquals(List.of("depthwise_kernel", "pointwise_kernel", "bias"), conv.weightNames());
        assertEquals(List.of(List.of(3, 3, 4, 2), List.of(1, 1, 8, 16), List.of(16)), shapes(conv.getWeights()));
        assertEquals(72 + 128 + 16, conv.countParams());
        SeparableConv1D seq = built(new SeparableConv1D(5, 3).useBias(false), 7, 2);
        assertEquals(List.of(List.of(3, 2, 1), List.of(1, 2, 5)), shapes(seq.getWeights()));
        assertArrayEquals(new int[] {5, 5}, seq.outputShape());
    }

    @Test
    void equalsADepthwiseThenAOneByOneConvolution() {
        SeparableConv2D sep = built(new SeparableConv2D(3, 3, "relu").strides(2), 7, 6, 2);
        DepthwiseConv2D depthwise = built(new DepthwiseConv2D(3).strides(2).useBias(false), 7, 6, 2);
        Conv2D pointwise = built(new Conv2D(3, 1, "relu"), 3, 2, 2);
        List<Tensor> w = sep.getWeights();
        depthwise.setWeights(List.of(w.get(0)));
        pointwise.setWeights(List.of(w.get(1), Tensor.of(new double[] {0.1, -0.2, 0.3}, 3)));
        sep.setWeights(List.of(w.get(0), w.get(1), Tensor.of(new double[] {0.1, -0.2, 0.3}, 3)));
        Tensor x = Tensor.randn(3, 2, 7, 6, 2);
        assertArrayEquals(pointwise.call(depthwise.call(x, false), false).toArray(), sep.call(x, false).toArray(), 1e-12);
    }

    @Test
    void configIsKerasAndRoundTrips() {
        SeparableConv1D conv = new SeparableConv1D(8, 5, "tanh").padding("causal").depthMultiplier(3)
                .initializers("he_uniform", "lecun_normal").regularizers(new L2(0.01), null, null);
        Config config = conv.getConfig();
        assertEquals(3, config.getInt("depth_multiplier"));
        assertEquals("he_uniform", config.getString("depthwise_initializer"));
        assertEquals("lecun_normal", config.getString("pointwise_initializer"));
        assertTrue(config.has("depthwise_regularizer") && config.has("pointwise_constraint"), config.toString());
        assertEquals(config, Layers.fromConfig("SeparableConv1D", config.copy()).getConfig());
    }

    @Test
    void badInputNamesTheLayerAndShapes() {
        SeparableConv2D conv = new SeparableConv2D(4, 3);
        conv.name("sep");
        ShapeException big = assertThrows(ShapeException.class, () -> conv.build(new int[] {2, 8, 3}, 0L));
        assertTrue(big.getMessage().contains("'sep' (SeparableConv2D)") && big.getMessage().contains("(None, 2, 8, 3)"),
                big.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new SeparableConv1D(4, 3), 8, 8, 3));
        assertTrue(rank.getMessage().contains("(None, steps, channels)"), rank.getMessage());
        IllegalArgumentException filters = assertThrows(IllegalArgumentException.class, () -> new SeparableConv2D(0, 3));
        assertTrue(filters.getMessage().contains("Received: filters=0"), filters.getMessage());
    }

    private static List<List<Integer>> shapes(List<Tensor> weights) {
        return weights.stream().map(t -> java.util.Arrays.stream(t.shape()).boxed().toList()).toList();
    }

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
