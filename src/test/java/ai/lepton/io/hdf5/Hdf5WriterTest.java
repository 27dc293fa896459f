package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes files with Lepton and reads them with h5py in a Python subprocess: every object,
 * attribute, type, shape and value must come out as written. Skipped without python3-h5py.
 */
class Hdf5WriterTest {
    private static final String TREE = "import json, make_fixtures\nprint(json.dumps(make_fixtures.tree(sys.argv[1])))";

    @TempDir
    Path dir;

    @BeforeEach
    void needsH5py() {
        H5py.assumeAvailable();
    }

    private JsonObject h5pyTree(Path file) {
        return Hdf5Trees.parse(H5py.output(TREE, file.toString()));
    }

    @Test
    void h5pyReadsAKeras3WeightsFileAsWritten() {
        Random random = new Random(19);
        Hdf5Group.Builder root = Hdf5Group.builder();
        String[][] layers = {{"dense", "8,4", "4"}, {"dense_1", "4,3", "3"}};
        for (String[] layer : layers) {
            Hdf5Group.Builder vars = root.group("layers/" + layer[0] + "/vars");
            vars.attribute("name", Hdf5Value.string(layer[0]));
            for (int i = 1; i < layer.length; i++) {
                int[] shape = java.util.Arrays.stream(layer[i].split(",")).mapToInt(Integer::parseInt).toArray();
                double[] values = new double[ai.lepton.tensor.Shapes.size(shape)];
                for (int j = 0; j < values.length; j++) {
                    values[j] = random.nextGaussian();
                }
                vars.dataset(String.valueOf(i - 1), Hdf5Value.float32(shape, values));
            }
        }
        root.group("optimizer/vars").attribute("name", Hdf5Value.string("adam"))
                .dataset("0", Hdf5Value.numbers(Hdf5Type.INT64, new int[0], new double[] {12}))
                .dataset("1", Hdf5Value.float32(new int[0], new double[] {0.001}));
        root.group("vars").attribute("name", Hdf5Value.string("sequential"));
        Hdf5Group tree = root.build();
        Path file = dir.resolve("model.weights.h5");
        Hdf5File.write(tree, file);
        Hdf5Trees.assertMatches(h5pyTree(file), tree);
    }

    @Test
    void h5pyReadsEveryWritableTypeShapeAndString() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        root.attribute("layer_names", Hdf5Value.fixedStrings(List.of("dense", "dense_1", "")));
        root.attribute("model_config", Hdf5Value.string("{\"config\": \"" + "x".repeat(100_000) + "\"}"));
        root.attribute("unicode", Hdf5Value.strings(List.of("poids", "重み", "")));
        root.attribute("weight_names_é", Hdf5Value.fixedStrings(List.of("dense/kernel:0", "Gewichte_ä")));
        root.attribute("float_array", Hdf5Value.float64(new int[] {2, 2}, new double[] {1, -0.0, 1e-300, Math.PI}));
        root.dataset("scalar", Hdf5Value.float32(new int[0], new double[] {3.25}));
        root.dataset("empty", Hdf5Value.float32(new int[] {0}, new double[0]));
        root.dataset("empty_2d", Hdf5Value.float32(new int[] {3, 0}, new double[0]));
        root.dataset("rank5", Hdf5Value.float32(new int[] {1, 2, 1, 2, 1}, new double[] {1, 2, 3, Float.MIN_VALUE}));
        root.dataset("special", Hdf5Value.float32(new int[] {4}, new double[] {Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Float.MAX_VALUE, -0.0}));
        root.dataset("f64", Hdf5Value.float64(new int[] {2}, new double[] {1.0 / 3, Double.MIN_VALUE}));
        root.dataset("strings", Hdf5Value.strings(List.of("a", "")),
                Map.of("note", Hdf5Value.string("a dataset's attribute")));
        for (Hdf5Type t : List.of(Hdf5Type.INT8, Hdf5Type.UINT8, Hdf5Type.INT16, Hdf5Type.UINT16, Hdf5Type.INT32,
                Hdf5Type.UINT32, Hdf5Type.INT64, Hdf5Type.UINT64)) {
            root.dataset(t.name().toLowerCase(), Hdf5Value.numbers(t, new int[] {2}, new double[] {t.min(), t.max()}));
        }
        root.group("empty_group");
        root.group("a/b/c/d/e/f").attribute("depth", Hdf5Value.float32(new int[0], new double[] {6}));
        Hdf5Group tree = root.build();
        Path file = dir.resolve("types.h5");
        Hdf5File.write(tree, file);
        Hdf5Trees.assertMatches(h5pyTree(file), tree);
    }

    @Test
    void h5pyListsAThousandChildrenInNameOrder() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        for (int i = 0; i < 1000; i++) {
            root.group("many").dataset("d" + i, Hdf5Value.float32(new int[] {1}, new double[] {i}));
        }
        Hdf5Group tree = root.build();
        Path file = dir.resolve("many.h5");
        Hdf5File.write(tree, file);
        Hdf5Trees.assertMatches(h5pyTree(file), tree);
        String names = H5py.output("import h5py\nprint(','.join(h5py.File(sys.argv[1], 'r')['many']))", file.toString());
        assertEquals(String.join(",", tree.group("many").children().keySet()), names.strip());
    }
}
