package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Conv2DTest {
    @Test
    void appliesKernelBiasAndActivation() {
        Conv2D conv = new Conv2D(2, 3, "relu").padding("same");
        conv.build(new int[] {4, 4, 1}, 3L);
        // A kernel that copies the centre pixel into filter 0 and its negation into filter 1, bias (1, 0).
        double[] kernel = new double[18];
        kernel[4 * 2] = 1;
        kernel[4 * 2 + 1] = -1;
        conv.setWeights(List.of(Tensor.of(kernel, 3, 3, 1, 2), Tensor.of(new double[] {1, 0}, 2)));
        double[] image = new double[16];
        for (int i = 0; i < 16; i++) {
            image[i] = i - 8;
        }
        Tensor y = conv.call(Tensor.of(image, 1, 4, 4, 1), false);
        assertArrayEquals(new int[] {1, 4, 4, 2}, y.shape());
        for (int i = 0; i < 16; i++) {
            assertEquals(Math.max(image[i] + 1, 0), y.get(0, i / 4, i % 4, 0), 0.0);
            assertEquals(Math.max(-image[i], 0), y.get(0, i / 4, i % 4, 1), 0.0);
        }
    }

    @Test
    void configIsExactlyTheConstructorSettings() {
        Conv2D conv = new Conv2D(16, 5, "gelu").strides(2).padding("same").useBias(false).kernelInitializer("he_normal");
        Config expected = Config.of("conv").put("name", null).put("trainable", true).put("activation", "gelu")
                .put("use_bias", false).put("kernel_initializer", "he_normal").put("bias_initializer", "zeros")
                .put("kernel_regularizer", null).put("bias_regularizer", null).put("activity_regularizer", null)
                .put("kernel_constraint", null).put("bias_constraint", null)
                .put("filters", 16).put("kernel_size", new int[] {5, 5}).put("strides", new int[] {2, 2}).put("padding", "same")
                .put("data_format", "channels_last").put("dilation_rate", new int[] {1, 1}).put("groups", 1);
        assertEquals(expected, conv.getConfig());
        assertEquals(expected, Conv2D.fromConfig(conv.getConfig()).getConfig());
        assertEquals(List.of("kernel"), built(conv, 9, 9, 3).weightNames());
    }

    @Test
    void nonSquareKernelsStridesDilationAndGroupsKeepKerasShapesAndConfig() {
        Conv2D conv = built(new Conv2D(6, 3).kernelSize(3, 5).strides(2, 1).padding("same").groups(3), 7, 9, 6);
        assertArrayEquals(new int[] {4, 9, 6}, conv.outputShape());
        assertEquals(List.of(List.of(3, 5, 2, 6), List.of(6)), conv.getWeights().stream()
                .map(w -> java.util.Arrays.stream(w.shape()).boxed().toList()).toList());
        Config config = conv.getConfig();
        assertArrayEquals(new int[] {3, 5}, config.getInts("kernel_size"));
        assertArrayEquals(new int[] {2, 1}, config.getInts("strides"));
        assertEquals(3, config.getInt("groups"));
        assertEquals(config, Conv2D.fromConfig(config.copy()).getConfig());
        // span 2·(3 − 1) + 1 = 5 rows, 3 columns: valid output (9 − 5 + 1, 6 − 3 + 1)
        assertArrayEquals(new int[] {5, 4, 2}, built(new Conv2D(2, 3).dilationRate(2, 1), 9, 6, 1).outputShape());
    }

    @Test
    void aKerasConfigWithOneNumberPerSettingLoads() {
        Map<String, Object> keras = new LinkedHashMap<>(Map.of("filters", 4L, "kernel_size", List.of(3L, 1L),
                "strides", 2L, "padding", "same", "dilation_rate", 1L, "groups", 2L, "data_format", "channels_last"));
        Config config = Config.of("Conv2D");
        keras.forEach(config::put);
        Conv2D conv = built((Conv2D) Layers.fromConfig("Conv2D", config), 5, 5, 2);
        assertArrayEquals(new int[] {3, 3, 4}, conv.outputShape());
        assertArrayEquals(new int[] {3, 1, 1, 4}, conv.getWeights().get(0).shape());
    }

    @Test
    void groupsMustDivideFiltersAndChannelsNamingTheLayerAndShapes() {
        assertMessage(() -> new Conv2D(6, 3).groups(4), "groups=4, filters=6");
        assertMessage(() -> new Conv2D(6, 3).groups(0), "Received: groups=0");
        Conv2D conv = new Conv2D(6, 3).groups(3);
        conv.name("grouped");
        ShapeException e = assertThrows(ShapeException.class, () -> conv.build(new int[] {8, 8, 4}, 0L));
        assertTrue(e.getMessage().contains("'grouped' (Conv2D)") && e.getMessage().contains("groups=3")
                && e.getMessage().contains("(None, 8, 8, 4)"), e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> built(new Conv2D(2, 3).strides(2).dilationRate(2), 9, 9, 1));
        assertTrue(both.getMessage().contains("strides=[2, 2] and dilation_rate=[2, 2]"), both.getMessage());
        assertMessage(() -> new Conv2D(2, 3).kernelSize(3, 3, 3), "kernel_size takes 1 or 2 values");
        assertMessage(() -> new Conv2D(2, 3).strides(1, 0), "Received: strides=0");
    }

    @Test
    void invalidSettingsAreRejectedEchoingTheValue() {
        assertMessage(() -> new Conv2D(0, 3), "Received: filters=0");
        assertMessage(() -> new Conv2D(8, -1), "Received: kernel_size=-1");
        assertMessage(() -> new Conv2D(8, 3).strides(0), "Received: strides=0");
        assertMessage(() -> new Conv2D(8, 3).padding("causal"), "Received: padding=causal");
        assertMessage(() -> new Conv2D(8, 3, "rleu"), "'rleu'");
        assertMessage(() -> new Conv2D(8, 3).kernelInitializer("glorot"), "'glorot'");
    }

    @Test
    void kernelLargerThanAValidInputFailsAtBuildNamingTheLayerAndShapes() {
        Conv2D conv = new Conv2D(4, 5);
        conv.name("features");
        ShapeException e = assertThrows(ShapeException.class, () -> conv.build(new int[] {4, 6, 3}, 0L));
        assertTrue(e.getMessage().contains("'features' (Conv2D)") && e.getMessage().contains("(5, 5)")
                && e.getMessage().contains("(None, 4, 6, 3)"), e.getMessage());
        assertArrayEquals(new int[] {2, 3, 4}, built(new Conv2D(4, 5).padding("same").strides(2), 4, 6, 3).outputShape());
    }

    @Test
    void wrongRankOrChannelsNameTheLayerAndShapes() {
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new Conv2D(4, 3), 28, 28));
        assertTrue(rank.getMessage().contains("conv2d") && rank.getMessage().contains("(None, 28, 28)"), rank.getMessage());
        Conv2D conv = built(new Conv2D(4, 3), 8, 8, 3);
        ShapeException channels = assertThrows(ShapeException.class, () -> conv.checkInputs(List.of(Tensor.zeros(2, 8, 8, 1))));
        assertTrue(channels.getMessage().contains("(None, 8, 8, 3)") && channels.getMessage().contains("(2, 8, 8, 1)"),
                channels.getMessage());
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static Conv2D built(Conv2D layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
