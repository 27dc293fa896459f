package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The base of the layers that run other layers ({@link Bidirectional}, {@link TimeDistributed}),
 * as Keras's {@code Wrapper}: the wrapped layers' variables are the wrapper's, by the paths
 * {@code wrapped_name/variable}, and their weights its weights, in the wrapped layers' order.
 *
 * <pre>{@code
 * TimeDistributed perStep = new TimeDistributed(new Dense(8));
 * perStep.build(new int[] {10, 4}, 42L);
 * perStep.weightNames();   // [dense/kernel, dense/bias]
 * }</pre>
 */
public abstract class Wrapper extends Layer {
    /** For subclasses. */
    protected Wrapper() {
    }

    /** @return the wrapped layers, in the order of their weights */
    protected abstract List<Layer> wrapped();

    /**
     * @return the wrapped layers, in the order of their weights (Keras's {@code layer}, or
     *         {@code forward_layer} and {@code backward_layer})
     */
    public final List<Layer> wrappedLayers() {
        return List.copyOf(wrapped());
    }

    /**
     * The input shapes a wrapped layer is built for, given the wrapper's.
     *
     * @param inputShapes the wrapper's per-example input shapes
     * @return the wrapped layers' per-example input shapes
     */
    protected abstract List<int[]> wrappedInputShapes(List<int[]> inputShapes);

    /**
     * The nested config of a layer, as Keras writes a wrapped layer: {@code {class_name, config}}.
     *
     * @param layer a layer of a registered class
     * @return its description
     */
    static Config nested(Layer layer) {
        return Config.of(layer.name()).put("class_name", Layers.nameOf(layer)).put("config", layer.getConfig());
    }

    /**
     * Rebuilds a layer from a nested config written by {@link #nested(Layer)}.
     *
     * @param description {@code {class_name, config}}
     * @return a new, unbuilt layer
     */
    static Layer fromNested(Config description) {
        return Layers.fromConfig(description.getString("class_name"), description.getConfig("config"));
    }

    @Override
    public Layer trainable(boolean on) {
        super.trainable(on);
        for (Layer l : wrapped()) {
            l.trainable(on);
        }
        return this;
    }

    /**
     * Builds the wrapped layers, each from its own draw of {@code seed}, then the wrapper.
     *
     * @param inputShapes the per-example input shapes
     * @param seed the seed of the wrapped layers' initializers and randomness
     */
    @Override
    public void build(List<int[]> inputShapes, long seed) {
        if (!isBuilt()) {
            List<int[]> inner = wrappedInputShapes(inputShapes);
            SplittableRandom seeds = new SplittableRandom(seed);
            for (Layer l : wrapped()) {
                l.build(inner, seeds.nextLong());
            }
        }
        super.build(inputShapes, seed);
    }

    @Override
    public List<Variable> variables() {
        List<Variable> all = new ArrayList<>(super.variables());
        for (Layer l : wrapped()) {
            all.addAll(l.variables());
        }
        return all;
    }

    @Override
    public Map<String, Variable> variablesByPath() {
        Map<String, Variable> all = new LinkedHashMap<>(super.variablesByPath());
        for (Layer l : wrapped()) {
            l.variablesByPath().forEach((path, v) -> all.put(l.name() + "/" + path, v));
        }
        return all;
    }

    @Override
    public Map<String, Weights.Spec> variableSpecs(List<int[]> inputShapes) {
        Map<String, Weights.Spec> all = new LinkedHashMap<>(super.variableSpecs(inputShapes));
        List<int[]> inner = wrappedInputShapes(inputShapes);
        for (Layer l : wrapped()) {
            l.variableSpecs(inner).forEach((path, spec) -> all.put(l.name() + "/" + path, spec));
        }
        return all;
    }

    @Override
    public List<Tensor> getWeights() {
        List<Tensor> all = new ArrayList<>();
        for (Layer l : wrapped()) {
            all.addAll(l.getWeights());
        }
        return all;
    }

    @Override
    public void setWeights(List<Tensor> values) {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " has no weights yet: build it (or give the model an input shape) first");
        }
        List<String> names = weightNames();
        if (values.size() != names.size()) {
            throw new ShapeException("setWeights: " + describe() + " expects " + names.size() + " weights " + names
                    + ", received " + values.size());
        }
        List<Tensor> current = getWeights();
        for (int i = 0; i < values.size(); i++) {
            if (!Shapes.equal(current.get(i).shape(), values.get(i).shape())) {
                throw new ShapeException("setWeights: " + describe() + " weight '" + names.get(i) + "' has shape "
                        + Shapes.format(current.get(i).shape()) + ", received " + Shapes.format(values.get(i).shape()));
            }
        }
        int at = 0;
        for (Layer l : wrapped()) {
            int n = l.weightNames().size();
            l.setWeights(values.subList(at, at + n));
            at += n;
        }
    }

    @Override
    public List<String> weightNames() {
        List<String> all = new ArrayList<>();
        for (Layer l : wrapped()) {
            l.weightNames().forEach(w -> all.add(l.name() + "/" + w));
        }
        return all;
    }

    @Override
    public List<Tensor> trainableWeights() {
        List<Tensor> all = new ArrayList<>();
        if (trainable()) {
            wrapped().forEach(l -> all.addAll(l.trainableWeights()));
        }
        return all;
    }

    @Override
    public List<Tensor> nonTrainableWeights() {
        List<Tensor> all = new ArrayList<>();
        wrapped().forEach(l -> all.addAll(l.nonTrainableWeights()));
        return all;
    }

    @Override
    public List<Tensor> regularizationLosses() {
        List<Tensor> all = new ArrayList<>();
        if (trainable()) {
            wrapped().forEach(l -> all.addAll(l.regularizationLosses()));
        }
        return all;
    }

    @Override
    public void applyConstraints() {
        wrapped().forEach(Layer::applyConstraints);
    }

    @Override
    public int countParams() {
        int n = 0;
        for (Layer l : wrapped()) {
            n = Math.addExact(n, l.countParams());
        }
        return n;
    }
}
