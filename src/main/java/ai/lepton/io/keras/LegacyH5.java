package ai.lepton.io.keras;

import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.hdf5.Hdf5Dataset;
import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.io.hdf5.Hdf5Node;
import ai.lepton.io.hdf5.Hdf5Value;
import ai.lepton.tensor.Shapes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HDF5 model file of Keras 2 and of Keras 3's {@code model.save("x.h5")}
 * ({@code keras/src/legacy/saving/legacy_h5_format.py}): attributes {@code model_config} (the
 * architecture as JSON), {@code training_config} (the compile settings), {@code keras_version} and
 * {@code backend}; a group {@code model_weights} with one group per layer of {@code model.layers},
 * listed by the attribute {@code layer_names}, each holding its weights under the names of its
 * attribute {@code weight_names} ({@code dense/kernel:0}). Long name lists are split into
 * {@code layer_names0}, {@code layer_names1}, ... to fit HDF5's attribute size. A {@code save_weights}
 * file has the same layer groups at its root.
 */
final class LegacyH5 {
    static final String MODEL_WEIGHTS = "model_weights";
    /** Keras's limit on one attribute's bytes, above which it splits a name list. */
    private static final int ATTRIBUTE_LIMIT = 64512;

    private LegacyH5() {
    }

    /**
     * @param node a group
     * @param name an attribute of one string (fixed or variable length), e.g. {@code model_config}
     * @param source the file, for messages
     * @return its text, if present
     */
    static Optional<String> text(Hdf5Node node, String name, String source) {
        Hdf5Value v = node.attributes().get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.type().isString() || v.size() != 1) {
            throw new ModelFormatException(source + ": the attribute " + name + " of " + node.path() + " must be one string, found "
                    + v.describeType() + Shapes.format(v.shape()));
        }
        return Optional.of(v.string());
    }

    /**
     * A name list attribute, joined from its chunks {@code name0}, {@code name1}, ... when Keras split it.
     *
     * @param node a group
     * @param name the attribute, e.g. {@code layer_names}
     * @param source the file, for messages
     * @return the names, empty when the attribute is absent or an empty list
     */
    static List<String> names(Hdf5Node node, String name, String source) {
        List<String> out = new ArrayList<>();
        if (node.attributes().containsKey(name)) {
            addNames(node, name, out, source);
            return out;
        }
        for (int chunk = 0; node.attributes().containsKey(name + chunk); chunk++) {
            addNames(node, name + chunk, out, source);
        }
        return out;
    }

    private static void addNames(Hdf5Node node, String attribute, List<String> out, String source) {
        Hdf5Value v = node.attributes().get(attribute);
        if (v.size() == 0) {
            // Keras writes an empty list as an empty float array.
            return;
        }
        if (!v.type().isString()) {
            throw new ModelFormatException(source + ": the attribute " + attribute + " of " + node.path()
                    + " must hold names, found " + v.describeType());
        }
        out.addAll(v.strings());
    }

    /**
     * Reads the weights of each layer of a model from its group, by the layer's name. A layer's
     * weights are matched to the file's weight names when every name ends with a distinct weight's
     * {@code layer/variable}, and otherwise taken in order (Keras's own rule).
     *
     * @param weightsGroup {@code model_weights}, or the root of a {@code save_weights} file
     * @param model the model's tree
     * @param source the file, for messages
     * @return each weight's values by its path
     * @throws ModelFormatException if a layer's weights are missing or of another count or shape
     */
    static Map<String, NamedArray> readWeights(Hdf5Group weightsGroup, LayerNode model, String source) {
        List<String> layerNames = names(weightsGroup, "layer_names", source);
        Map<String, NamedArray> out = new LinkedHashMap<>();
        for (LayerNode layer : model.layers()) {
            List<LayerNode.Weight> expected = layer.allWeights();
            Hdf5Group group = weightsGroup.children().get(layer.name()) instanceof Hdf5Group g ? g : null;
            if (group == null || !layerNames.contains(layer.name())) {
                if (!expected.isEmpty()) {
                    throw new ModelFormatException(source + ": the weights of layer '" + layer.name() + "' (" + layer.className()
                            + ") are missing: " + weightsGroup.path() + " lists the layers " + layerNames);
                }
                continue;
            }
            List<String> weightNames = names(group, "weight_names", source);
            if (weightNames.size() != expected.size()) {
                throw new ModelFormatException(source + ": layer '" + layer.name() + "' (" + layer.className() + ") makes "
                        + expected.size() + " weights " + KerasWeights.describe(expected) + ", but " + group.path() + " holds "
                        + weightNames.size() + " " + weightNames);
            }
            List<LayerNode.Weight> matched = byName(weightNames, expected, layer);
            for (int i = 0; i < weightNames.size(); i++) {
                LayerNode.Weight w = matched.get(i);
                Hdf5Dataset d = group.find(weightNames.get(i)).orElse(null) instanceof Hdf5Dataset ds ? ds : null;
                if (d == null || !d.value().type().isNumeric()) {
                    throw new ModelFormatException(source + ": layer '" + layer.name() + "': the weight '" + weightNames.get(i)
                            + "' named in " + group.path() + " is not a numeric dataset there");
                }
                if (!Shapes.equal(d.value().shape(), w.shape())) {
                    throw new ModelFormatException(source + ": " + d.path() + " (weight '" + w.path() + "' of layer '"
                            + layer.name() + "') has shape " + Shapes.format(d.value().shape())
                            + " in the file, but the layer makes it " + Shapes.format(w.shape()));
                }
                out.put(w.path(), new NamedArray(w.path(), w.shape(), d.value().doubles()));
            }
        }
        return out;
    }

    /** The weight each file name holds: by {@code layer/variable} when that matches one-to-one, else in order. */
    private static List<LayerNode.Weight> byName(List<String> fileNames, List<LayerNode.Weight> expected, LayerNode layer) {
        List<LayerNode.Weight> matched = new ArrayList<>();
        for (String fileName : fileNames) {
            String key = lastTwo(fileName.replaceAll(":\\d+$", ""));
            LayerNode.Weight found = null;
            for (LayerNode.Weight w : expected) {
                String path = layer.isModel() ? w.path() : layer.name() + "/" + lastOne(w.path());
                if (lastTwo(path).equals(key)) {
                    found = found == null ? w : null;
                }
            }
            if (found == null || matched.contains(found)) {
                return expected;
            }
            matched.add(found);
        }
        return matched;
    }

    private static String lastTwo(String path) {
        int last = path.lastIndexOf('/');
        int before = last <= 0 ? -1 : path.lastIndexOf('/', last - 1);
        return path.substring(before + 1);
    }

    private static String lastOne(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Lays out a model's weights as Keras's {@code save_weights_to_hdf5_group} does: the layer
     * names, then one group per layer in name order with its weights under their paths.
     *
     * @param model the model's tree
     * @param values each weight's values by its path
     * @param group the {@code model_weights} group
     * @param kerasVersion the version written into the attributes
     */
    static void writeWeights(LayerNode model, Map<String, double[]> values, Hdf5Group.Builder group, String kerasVersion) {
        List<String> layerNames = model.layers().stream().map(LayerNode::name).toList();
        putNames(group, "layer_names", layerNames);
        group.attribute("backend", Hdf5Value.fixedStrings(List.of("tensorflow")));
        group.attribute("keras_version", Hdf5Value.fixedStrings(List.of(kerasVersion)));
        List<LayerNode> sorted = new ArrayList<>(model.layers());
        sorted.sort(Comparator.comparing(LayerNode::name));
        for (LayerNode layer : sorted) {
            Hdf5Group.Builder g = group.group(layer.name());
            List<LayerNode.Weight> weights = layer.allWeights();
            putNames(g, "weight_names", weights.stream().map(LayerNode.Weight::path).toList());
            for (LayerNode.Weight w : weights) {
                int slash = w.path().lastIndexOf('/');
                g.group(w.path().substring(0, slash)).dataset(w.path().substring(slash + 1), Hdf5Value.float32(w.shape(),
                        values.get(w.path())));
            }
        }
        putNames(group.group("top_level_model_weights"), "weight_names", List.of());
    }

    /** Keras's {@code save_attributes_to_hdf5_group}: one attribute, or chunks when the names exceed HDF5's attribute size. */
    private static void putNames(Hdf5Group.Builder group, String name, List<String> names) {
        if (names.isEmpty()) {
            group.attribute(name, Hdf5Value.float64(new int[] {0}, new double[0]));
            return;
        }
        int width = 1;
        for (String s : names) {
            width = Math.max(width, s.getBytes(StandardCharsets.UTF_8).length);
        }
        int chunks = 1;
        while (chunkBytes(names.size(), chunks, width) > ATTRIBUTE_LIMIT) {
            chunks++;
        }
        if (chunks == 1) {
            group.attribute(name, Hdf5Value.fixedStrings(names));
            return;
        }
        // NumPy's array_split: the first (n % chunks) parts get one more element.
        int at = 0;
        for (int c = 0; c < chunks; c++) {
            int size = names.size() / chunks + (c < names.size() % chunks ? 1 : 0);
            group.attribute(name + c, Hdf5Value.fixedStrings(names.subList(at, at + size)));
            at += size;
        }
    }

    private static long chunkBytes(int count, int chunks, int width) {
        return (long) ((count + chunks - 1) / chunks) * width;
    }
}
