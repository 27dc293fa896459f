package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 1-D, average and global pooling layers (numbers against PyTorch in {@link ConvolutionGoldenTest}). */
class PoolingLayersTest {

    @Test
    void sameAveragePoolingDividesBorderWindowsByTheirCellsInside() {
        AveragePooling2D pool = built(new AveragePooling2D(2).padding("same"), 3, 3, 1);
        Tensor y = pool.call(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1), false);
        // windows: {1,2,4,5}, {3,6}, {7,8}, {9}: each the mean of its cells in the image, not / 4
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, y.toArray(), 1e-15);
    }

    @Test
    void oneDimensionalPoolsWorkAlongTheSteps() {
        Tensor x = Tensor.of(new double[] {1, -1, 4, -4, 2, -2, 8, -8, 5, -5}, 1, 5, 2);
        assertArrayEquals(new double[] {4, -1, 8, -2}, built(new MaxPooling1D(), 5, 2).call(x, false).toArray(), 0.0);
        assertArrayEquals(new double[] {2.5, -2.5, 5, -5, 5, -5},
                built(new AveragePooling1D(2).strides(2).padding("same"), 5, 2).call(x, false).toArray(), 1e-15);
        assertArrayEquals(new int[] {2, 2}, built(new MaxPooling1D(3).strides(2), 5, 2).outputShape());
    }

    @Test
    void globalPoolingKeepsOrDropsThePooledAxes() {
        Tensor x = Tensor.of(new double[] {1, 10, 3, 30, 2, 20, 6, 60}, 1, 2, 2, 2);
        assertArrayEquals(new double[] {3, 30}, built(new GlobalAveragePooling2D(), 2, 2, 2).call(x, false).toArray(), 1e-15);
        Tensor kept = built(new GlobalMaxPooling2D().keepdims(true), 2, 2, 2).call(x, false);
        assertArrayEquals(new int[] {1, 1, 1, 2}, kept.shape());
        assertArrayEquals(new double[] {6, 60}, kept.toArray(), 0.0);
        assertArrayEquals(new int[] {1, 2}, built(new GlobalAveragePooling1D().keepdims(true), 4, 2).outputShape());
        assertArrayEquals(new int[] {2}, built(new GlobalMaxPooling1D(), 4, 2).outputShape());
    }

    @Test
    void globalAveragePooling1DAveragesOnlyTheKeptSteps() {
        GlobalAveragePooling1D pool = built(new GlobalAveragePooling1D(), 3, 1);
        Tensor x = Tensor.of(new double[] {2, 4, 100}, 1, 3, 1);
        Storage.attachMask(x, Tensor.of(new double[] {1, 1, 0}, 1, 3));
        Tensor y = pool.call(x, false);
        assertArrayEquals(new double[] {3}, y.toArray(), 0.0);
        assertNull(pool.computeMask(List.of(x)));
        assertTrue(pool.supportsMasking());
        assertTrue(!new GlobalMaxPooling1D().supportsMasking(), "Keras's GlobalMaxPooling1D takes no mask");
    }

    @Test
    void configsAreKerasKeysAndRoundTrip() {
        AveragePooling2D pool = new AveragePooling2D(3).poolSize(3, 2).strides(2, 1).padding("same");
        Config config = pool.getConfig();
        assertArrayEquals(new int[] {3, 2}, config.getInts("pool_size"));
        assertArrayEquals(new int[] {2, 1}, config.getInts("strides"));
        assertEquals(config, AveragePooling2D.fromConfig(config.copy()).getConfig());
        Config keras = Config.of("MaxPooling1D").put("pool_size", List.of(3L)).put("strides", null).put("padding", "valid")
                .put("data_format", "channels_last");
        assertArrayEquals(new int[] {3}, Layers.fromConfig("MaxPooling1D", keras).getConfig().getInts("strides"));
        Config global = new GlobalAveragePooling1D().keepdims(true).getConfig();
        assertEquals(true, global.getBoolean("keepdims"));
        assertEquals(global, Layers.fromConfig("GlobalAveragePooling1D", global.copy()).getConfig());
    }

    @Test
    void badInputNamesTheLayerAndShapes() {
        ShapeException rank = assertThrows(ShapeException.class, () -> built(new MaxPooling1D(), 4, 4, 2));
        assertTrue(rank.getMessage().contains("'max_pooling1d' (MaxPooling1D)") && rank.getMessage().contains("(None, 4, 4, 2)"),
                rank.getMessage());
        ShapeException big = assertThrows(ShapeException.class, () -> built(new AveragePooling1D(5), 3, 2));
        assertTrue(big.getMessage().contains("(5,)") && big.getMessage().contains("(None, 3, 2)"), big.getMessage());
        ShapeException global = assertThrows(ShapeException.class, () -> built(new GlobalAveragePooling2D(), 5, 2));
        assertTrue(global.getMessage().contains("global_average_pooling2d") && global.getMessage().contains("(None, 5, 2)"),
                global.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new AveragePooling2D(2).poolSize(2, 0));
        assertTrue(size.getMessage().contains("Received: pool_size=0"), size.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D().strides(1, 2));
        assertTrue(count.getMessage().contains("strides takes 1 value. Received: strides=[1, 2]"),
                count.getMessage());
    }

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(inputShape, 0L);
        return layer;
    }
}
