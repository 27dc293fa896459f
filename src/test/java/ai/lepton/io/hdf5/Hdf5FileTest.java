package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the files that {@code src/test/resources/keras/make_fixtures.py} wrote with h5py and checks
 * every object, attribute and value against what h5py read in them; writes trees and reads them back.
 */
class Hdf5FileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"hdf5_features.h5", "hdf5_latest.h5", "dense.weights.h5", "conv.weights.h5",
            "dense_legacy.h5", "conv_legacy.h5"})
    void readsEveryObjectOfAnH5pyFileAsH5pyDoes(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, Hdf5Trees.bytes(name));
        Hdf5Trees.assertMatches(Hdf5Trees.manifest(name), Hdf5File.read(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense.keras", "conv.keras"})
    void readsTheWeightsInsideAKerasZip(String name) {
        byte[] weights = Hdf5Trees.zipEntry(name, "model.weights.h5");
        Hdf5Trees.assertMatches(Hdf5Trees.manifest(name), Hdf5File.read(weights, name, Hdf5Limits.DEFAULT));
    }

    @Test
    void findsKeras3WeightsByPath() {
        Hdf5Group root = Hdf5File.read(Hdf5Trees.bytes("conv.weights.h5"), "conv.weights.h5", Hdf5Limits.DEFAULT);
        Hdf5Dataset kernel = root.dataset("layers/conv2d/vars/0");
        assertArrayEquals(new int[] {3, 3, 1, 2}, kernel.shape());
        assertEquals(Hdf5Type.FLOAT32, kernel.type());
        assertEquals("conv2d", root.group("layers/conv2d/vars").attribute("name").orElseThrow().string());
        assertEquals(Hdf5Type.INT64, root.dataset("optimizer/vars/0").type());
        assertEquals(List.of(), List.copyOf(root.group("layers/flatten/vars").children().keySet()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> root.dataset("layers/conv2d/vars/2"));
        assertTrue(e.getMessage().contains("/layers/conv2d/vars/2") && e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void joinsNothingButReadsKeras2SplitAttributesAsTheyAre() {
        Hdf5Group root = Hdf5File.read(Hdf5Trees.bytes("hdf5_features.h5"), "f.h5", Hdf5Limits.DEFAULT);
        List<String> first = root.attribute("layer_names0").orElseThrow().strings();
        List<String> second = root.attribute("layer_names1").orElseThrow().strings();
        assertEquals(1800, first.size() + second.size());
        assertEquals("a_layer_with_a_rather_long_name_0000", first.get(0));
        assertEquals("a_layer_with_a_rather_long_name_1799", second.get(second.size() - 1));
        assertTrue(root.attribute("model_config").orElseThrow().string().length() > 40_000);
    }

    @Test
    void writesWhatItReadsBitForBit() {
        Hdf5Group original = Hdf5File.read(Hdf5Trees.bytes("conv.weights.h5"), "conv.weights.h5", Hdf5Limits.DEFAULT);
        Path file = dir.resolve("copy.weights.h5");
        Hdf5File.write(original, file);
        assertTrue(original.equals(Hdf5File.read(file)), "the tree read back differs");
        assertTrue(Hdf5File.read(file).equals(Hdf5File.read(Hdf5File.toBytes(original), "bytes", Hdf5Limits.DEFAULT)));
    }

    @Test
    void roundTripsEveryWritableTypeAndShape() {
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.attribute("names", Hdf5Value.fixedStrings(List.of("dense", "dense_1", "")));
        b.attribute("config", Hdf5Value.string("{\"a\": \"" + "x".repeat(60_000) + "\"}"));
        b.attribute("unicode_ü", Hdf5Value.strings(List.of("重み", "")));
        Hdf5Group.Builder vars = b.group("layers/dense/vars").attribute("name", Hdf5Value.string("dense"));
        vars.dataset("0", Hdf5Value.float32(new int[] {2, 3}, new double[] {1, -2, 0.1, Double.NaN, 1e-40, -0.0}));
        vars.dataset("1", Hdf5Value.float64(new int[0], new double[] {Math.PI}));
        vars.dataset("2", Hdf5Value.float32(new int[] {0, 4}, new double[0]));
        vars.dataset("3", Hdf5Value.float32(new int[] {1, 2, 1, 2, 1}, new double[] {1, 2, 3, 4}),
                Map.of("dtype", Hdf5Value.string("float32")));
        for (Hdf5Type t : List.of(Hdf5Type.INT8, Hdf5Type.UINT8, Hdf5Type.INT16, Hdf5Type.UINT16, Hdf5Type.INT32,
                Hdf5Type.UINT32, Hdf5Type.INT64, Hdf5Type.UINT64)) {
            b.dataset(t.name().toLowerCase(), Hdf5Value.numbers(t, new int[] {2}, new double[] {t.min(), t.max()}));
        }
        b.group("many");
        for (int i = 0; i < 700; i++) {
            b.group("many/g" + i);
        }
        Hdf5Group tree = b.build();
        Path file = dir.resolve("all.h5");
        Hdf5File.write(tree, file);
        Hdf5Group back = Hdf5File.read(file);
        assertTrue(tree.equals(back), "the tree read back differs");
        assertEquals(0, Double.compare((float) 0.1, back.dataset("layers/dense/vars/0").value().doubles()[2]));
    }

    @Test
    void replacesAFileOnlyOnceItIsComplete() throws Exception {
        Path file = dir.resolve("w.h5");
        Files.writeString(file, "previous");
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.attribute("too_big", Hdf5Value.float64(new int[] {10_000}, new double[10_000]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdf5File.write(b.build(), file));
        assertTrue(e.getMessage().contains("too_big") && e.getMessage().contains("65528"), e.getMessage());
        assertEquals("previous", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingFileIsAnIoErrorAndANonHdf5FileAFormatError() throws Exception {
        assertThrows(UncheckedIOException.class, () -> Hdf5File.read(dir.resolve("absent.h5")));
        Path text = dir.resolve("text.h5");
        Files.writeString(text, "not HDF5 at all".repeat(100));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Hdf5File.read(text));
        assertTrue(e.getMessage().contains("text.h5") && e.getMessage().contains("not an HDF5 file"), e.getMessage());
    }
}
