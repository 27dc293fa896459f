package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.io.hdf5.Hdf5Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KerasWeightsTest {
    private static LayerNode dense(String name, int in, int out, String prefix) {
        return LayerNode.layer("Dense", name, List.of(new int[] {in}), List.of(new int[] {out}), List.of(
                new LayerNode.Weight(prefix + name + "/kernel", new int[] {in, out}),
                new LayerNode.Weight(prefix + name + "/bias", new int[] {out})));
    }

    /** Dense, Flatten, a nested Sequential holding a Dense, and a second Dense named out of Keras's order. */
    private static LayerNode model() {
        LayerNode block = LayerNode.model("Sequential", "block", List.of(new int[] {3}), List.of(new int[] {2}),
                List.of(dense("inner", 3, 2, "block/")));
        LayerNode flatten = LayerNode.layer("Flatten", "flatten", List.of(new int[] {3}), List.of(new int[] {3}), List.of());
        return LayerNode.model("Sequential", "sequential", List.of(new int[] {4}), List.of(new int[] {1}),
                List.of(dense("first", 4, 3, ""), flatten, block, dense("dense", 2, 1, "")));
    }

    private static Map<String, double[]> values() {
        return Map.of("first/kernel", new double[12], "first/bias", new double[] {1, 2, 3}, "block/inner/kernel", new double[6],
                "block/inner/bias", new double[] {0.5, 0.25}, "dense/kernel", new double[] {7, 8}, "dense/bias", new double[] {9});
    }

    private static Hdf5Group written() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        KerasWeights.write(model(), values(), root);
        return root.build();
    }

    @Test
    void groupsAreNamedByClassInModelLayersOrder() {
        Hdf5Group file = written();
        assertEquals("sequential", file.group("vars").attribute("name").orElseThrow().string());
        assertEquals("first", file.group("layers/dense/vars").attribute("name").orElseThrow().string());
        assertEquals("dense", file.group("layers/dense_1/vars").attribute("name").orElseThrow().string());
        assertEquals("block", file.group("layers/sequential/vars").attribute("name").orElseThrow().string());
        assertArrayEquals(new double[] {0.5, 0.25}, file.dataset("layers/sequential/layers/dense/vars/1").value().doubles());
        assertEquals(0, file.group("layers/flatten/vars").children().size());
        assertArrayEquals(new double[] {9}, file.dataset("layers/dense_1/vars/1").value().doubles());
    }

    @Test
    void readingGivesEachWeightByItsPath() {
        Map<String, NamedArray> read = KerasWeights.read(written(), model(), "test");
        assertEquals(List.of("first/kernel", "first/bias", "block/inner/kernel", "block/inner/bias", "dense/kernel", "dense/bias"),
                List.copyOf(read.keySet()));
        assertArrayEquals(new double[] {7, 8}, read.get("dense/kernel").values());
    }

    @Test
    void aMissingLayerGroupNamesTheLayer() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        root.group("layers/dense/vars").dataset("0", Hdf5Value.float32(new int[] {4, 3}, new double[12]))
                .dataset("1", Hdf5Value.float32(new int[] {3}, new double[3]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasWeights.read(root.build(), model(), "f.keras"));
        assertTrue(e.getMessage().contains("layer 'block' (Sequential)") && e.getMessage().contains("/layers/sequential"),
                e.getMessage());
    }

    @Test
    void aWrongCountOrShapeNamesTheWeight() {
        LayerNode wider = LayerNode.model("Sequential", "sequential", List.of(new int[] {4}), List.of(new int[] {1}),
                List.of(dense("first", 5, 3, ""), model().layers().get(1), model().layers().get(2), model().layers().get(3)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasWeights.read(written(), wider, "f.keras"));
        assertTrue(e.getMessage().contains("weight 'first/kernel'") && e.getMessage().contains("(4, 3)")
                && e.getMessage().contains("(5, 3)"), e.getMessage());
        LayerNode noBias = LayerNode.model("Sequential", "sequential", List.of(new int[] {4}), List.of(new int[] {1}),
                List.of(LayerNode.layer("Dense", "first", List.of(), List.of(), List.of(new LayerNode.Weight("first/kernel",
                        new int[] {4, 3}))), model().layers().get(1), model().layers().get(2), model().layers().get(3)));
        e = assertThrows(ModelFormatException.class, () -> KerasWeights.read(written(), noBias, "f.keras"));
        assertTrue(e.getMessage().contains("makes 1 weights") && e.getMessage().contains("holds 2"), e.getMessage());
    }

    @Test
    void legacyLayoutReadsByLayerNameAndWeightName() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        LegacyH5.writeWeights(model(), values(), root, "3.9.2");
        Hdf5Group file = root.build();
        assertEquals(List.of("first", "flatten", "block", "dense"), LegacyH5.names(file, "layer_names", "test"));
        assertEquals(List.of("block/inner/kernel", "block/inner/bias"), LegacyH5.names(file.group("block"), "weight_names", "test"));
        Map<String, NamedArray> read = LegacyH5.readWeights(file, model(), "test");
        assertArrayEquals(new double[] {0.5, 0.25}, read.get("block/inner/bias").values());
    }

    @Test
    void legacyWeightNamesInAnotherOrderAreMatchedByName() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        root.attribute("layer_names0", Hdf5Value.fixedStrings(List.of("first")));
        root.attribute("layer_names1", Hdf5Value.fixedStrings(List.of("flatten", "block", "dense")));
        root.group("first").attribute("weight_names", Hdf5Value.fixedStrings(List.of("first/bias:0", "first/kernel:0")))
                .group("first").dataset("bias:0", Hdf5Value.float32(new int[] {3}, new double[] {1, 2, 3}))
                .dataset("kernel:0", Hdf5Value.float32(new int[] {4, 3}, new double[12]));
        root.group("flatten").attribute("weight_names", Hdf5Value.float64(new int[] {0}, new double[0]));
        root.group("block").attribute("weight_names", Hdf5Value.fixedStrings(List.of("inner/kernel:0", "inner/bias:0")))
                .group("inner").dataset("kernel:0", Hdf5Value.float32(new int[] {3, 2}, new double[6]))
                .dataset("bias:0", Hdf5Value.float32(new int[] {2}, new double[2]));
        root.group("dense").attribute("weight_names", Hdf5Value.fixedStrings(List.of("w:0", "b:0")))
                .dataset("w:0", Hdf5Value.float32(new int[] {2, 1}, new double[] {7, 8}))
                .dataset("b:0", Hdf5Value.float32(new int[] {1}, new double[] {9}));
        Map<String, NamedArray> read = LegacyH5.readWeights(root.build(), model(), "test");
        assertArrayEquals(new double[] {1, 2, 3}, read.get("first/bias").values());
        assertArrayEquals(new double[] {7, 8}, read.get("dense/kernel").values(), "names that do not match are taken in order");
    }
}
