package ai.lepton.io.keras;

import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.hdf5.Hdf5Dataset;
import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.io.hdf5.Hdf5Node;
import ai.lepton.io.hdf5.Hdf5Value;
import ai.lepton.tensor.Shapes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's layout of a model's weights in HDF5 ({@code model.weights.h5} in a {@code .keras}
 * zip, or a {@code .weights.h5} file), as {@code keras/src/saving/saving_lib.py} writes it: the
 * model's own (empty) {@code vars} group named after the model, then each layer of
 * {@code model.layers} under {@code layers/<snake_case class name>}, made unique in that order
 * ({@code dense}, {@code dense_1}, ...), its variables as datasets {@code vars/0}, {@code vars/1},
 * ... in {@code get_weights()} order and float32; a nested model the same way below its own group
 * ({@code layers/sequential/layers/dense/vars/0}).
 */
final class KerasWeights {
    private static final String LAYERS = "layers";
    /** Where Keras 2.13's {@code .keras} files kept the layers; Keras 3 still reads them there. */
    private static final String LEGACY_LAYERS = "_layer_checkpoint_dependencies";

    private KerasWeights() {
    }

    /**
     * Lays out a model's weights.
     *
     * @param model the model's tree
     * @param values each weight's values by its path
     * @param out the file's root group, to which {@code vars} and {@code layers} are added
     */
    static void write(LayerNode model, Map<String, double[]> values, Hdf5Group.Builder out) {
        out.group("vars").attribute("name", Hdf5Value.string(model.name()));
        writeLayers(model, values, out);
    }

    private static void writeLayers(LayerNode model, Map<String, double[]> values, Hdf5Group.Builder at) {
        Map<String, Integer> used = new HashMap<>();
        for (LayerNode layer : model.layers()) {
            Hdf5Group.Builder group = at.group(LAYERS + "/" + unique(KerasLayers.snakeCase(layer.className()), used));
            if (layer.isModel()) {
                group.group("vars").attribute("name", Hdf5Value.string(layer.name()));
                writeLayers(layer, values, group);
                continue;
            }
            for (KerasLayers.WeightGroup g : KerasLayers.weightGroups(layer.className(), layer.name(), layer.weights().size())) {
                Hdf5Group.Builder vars = group.group(g.path()).attribute("name", Hdf5Value.string(g.nameAttribute()));
                for (int i = g.from(); i < g.to(); i++) {
                    LayerNode.Weight w = layer.weights().get(i);
                    vars.dataset(String.valueOf(i - g.from()), Hdf5Value.float32(w.shape(), values.get(w.path())));
                }
            }
        }
    }

    /**
     * Reads a model's weights, checking each against the shape the layer makes.
     *
     * @param root the weights file's root group
     * @param model the model's tree
     * @param source the file, for messages
     * @return each weight's values by its path, in the tree's order
     * @throws ModelFormatException if a weight is missing, extra or of another shape, naming the layer
     */
    static Map<String, NamedArray> read(Hdf5Group root, LayerNode model, String source) {
        Map<String, NamedArray> out = new LinkedHashMap<>();
        readLayers(root, model, source, out);
        return out;
    }

    private static void readLayers(Hdf5Group at, LayerNode model, String source, Map<String, NamedArray> out) {
        Hdf5Group layers = at.find(LAYERS).orElse(at.find(LEGACY_LAYERS).orElse(null)) instanceof Hdf5Group g ? g : null;
        Map<String, Integer> used = new HashMap<>();
        for (LayerNode layer : model.layers()) {
            String groupName = unique(KerasLayers.snakeCase(layer.className()), used);
            Hdf5Group group = layers != null && layers.children().get(groupName) instanceof Hdf5Group g ? g : null;
            if (group == null) {
                if (!layer.allWeights().isEmpty()) {
                    throw new ModelFormatException(source + ": the weights of layer '" + layer.name() + "' (" + layer.className()
                            + ") are missing: the file has no group " + at.path() + (at.path().endsWith("/") ? "" : "/") + LAYERS
                            + "/" + groupName);
                }
                continue;
            }
            if (layer.isModel()) {
                readLayers(group, layer, source, out);
                continue;
            }
            for (KerasLayers.WeightGroup g : KerasLayers.weightGroups(layer.className(), layer.name(), layer.weights().size())) {
                readGroup(group, g, layer, source, out);
            }
        }
    }

    private static void readGroup(Hdf5Group layerGroup, KerasLayers.WeightGroup g, LayerNode layer, String source,
            Map<String, NamedArray> out) {
        List<LayerNode.Weight> expected = layer.weights().subList(g.from(), g.to());
        Hdf5Group vars = layerGroup.find(g.path()).orElse(null) instanceof Hdf5Group v ? v : null;
        List<String> names = vars == null ? List.of() : new ArrayList<>(vars.children().keySet());
        if (names.size() != expected.size()) {
            throw new ModelFormatException(source + ": layer '" + layer.name() + "' (" + layer.className() + ") makes "
                    + expected.size() + " weights " + describe(expected) + ", but " + layerGroup.path() + "/" + g.path() + " holds "
                    + names.size() + (names.isEmpty() ? "" : " " + names));
        }
        for (int i = 0; i < expected.size(); i++) {
            LayerNode.Weight w = expected.get(i);
            Hdf5Node node = vars.children().get(String.valueOf(i));
            if (!(node instanceof Hdf5Dataset d) || !d.value().type().isNumeric()) {
                throw new ModelFormatException(source + ": layer '" + layer.name() + "' (" + layer.className() + "): "
                        + vars.path() + "/" + i + " must be a numeric dataset holding weight '" + w.path() + "'; the group holds "
                        + names);
            }
            Hdf5Value value = d.value();
            if (!Shapes.equal(value.shape(), w.shape())) {
                throw new ModelFormatException(source + ": " + d.path() + " (weight '" + w.path() + "' of layer '" + layer.name()
                        + "') has shape " + Shapes.format(value.shape()) + " in the file, but the layer makes it "
                        + Shapes.format(w.shape()));
            }
            out.put(w.path(), new NamedArray(w.path(), w.shape(), value.doubles()));
        }
    }

    static String describe(List<LayerNode.Weight> weights) {
        List<String> out = new ArrayList<>();
        weights.forEach(w -> out.add(w.path() + " " + Shapes.format(w.shape())));
        return out.toString();
    }

    /** Keras's {@code _get_unique_name}: the first use keeps the name, later ones get {@code _1}, {@code _2}, ... */
    static String unique(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }
}
