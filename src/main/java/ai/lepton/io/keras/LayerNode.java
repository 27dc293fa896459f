package ai.lepton.io.keras;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a model as Keras's files address it: its class, its name, the shapes it was built
 * for and its weights in Keras's {@code get_weights()} order, each named by its Lepton variable
 * path; a model also lists its layers in Keras's {@code model.layers} order. The model package
 * describes a model this way, so that this package can lay its weights out as Keras does without
 * knowing the model classes.
 *
 * <pre>{@code
 * LayerNode dense = LayerNode.layer("Dense", "dense", List.of(new int[] {8}), List.of(new int[] {4}),
 *         List.of(new LayerNode.Weight("dense/kernel", new int[] {8, 4}), new LayerNode.Weight("dense/bias", new int[] {4})));
 * LayerNode model = LayerNode.model("Sequential", "sequential", List.of(new int[] {8}), List.of(new int[] {4}), List.of(dense));
 * }</pre>
 *
 * @param className the layer's registered class name (Keras's), e.g. {@code Dense}, {@code Sequential}, {@code Functional}
 * @param name the layer's name
 * @param inputShapes the per-example input shapes it was built for (copied); empty when not known
 * @param outputShapes the per-example output shapes (copied); empty when not known
 * @param weights the weights in Keras's {@code get_weights()} order (trainable, then non-trainable); empty for a model
 * @param layers a model's layers in Keras's {@code model.layers} order; {@code null} for a layer that is not a model
 */
public record LayerNode(String className, String name, List<int[]> inputShapes, List<int[]> outputShapes, List<Weight> weights,
        List<LayerNode> layers) {
    /**
     * Copies the lists.
     *
     * @param className the registered class name
     * @param name the layer's name
     * @param inputShapes the built per-example input shapes
     * @param outputShapes the built per-example output shapes
     * @param weights the weights in Keras's order
     * @param layers a model's layers, or {@code null}
     */
    public LayerNode {
        inputShapes = copy(inputShapes);
        outputShapes = copy(outputShapes);
        weights = List.copyOf(weights);
        layers = layers == null ? null : List.copyOf(layers);
    }

    /**
     * @param className the registered class name
     * @param name the layer's name
     * @param inputShapes the built per-example input shapes
     * @param outputShapes the built per-example output shapes
     * @param weights the weights in Keras's order
     * @return a node for a layer that is not a model
     */
    public static LayerNode layer(String className, String name, List<int[]> inputShapes, List<int[]> outputShapes,
            List<Weight> weights) {
        return new LayerNode(className, name, inputShapes, outputShapes, weights, null);
    }

    /**
     * @param className {@code Sequential}, {@code Functional} or a registered model class
     * @param name the model's name
     * @param inputShapes the per-example input shapes
     * @param outputShapes the per-example output shapes
     * @param layers its layers in Keras's {@code model.layers} order
     * @return a node for a model
     */
    public static LayerNode model(String className, String name, List<int[]> inputShapes, List<int[]> outputShapes,
            List<LayerNode> layers) {
        return new LayerNode(className, name, inputShapes, outputShapes, List.of(), layers);
    }

    /** @return whether this node is a model (it has layers) */
    public boolean isModel() {
        return layers != null;
    }

    /** @return the built input shapes, copies */
    @Override
    public List<int[]> inputShapes() {
        return copy(inputShapes);
    }

    /** @return the built output shapes, copies */
    @Override
    public List<int[]> outputShapes() {
        return copy(outputShapes);
    }

    /**
     * @param layerName a layer's name
     * @return this model's layer of that name, or {@code null}
     */
    LayerNode child(String layerName) {
        if (layers != null) {
            for (LayerNode l : layers) {
                if (l.name.equals(layerName)) {
                    return l;
                }
            }
        }
        return null;
    }

    /** @return every weight of this layer or model, nested models included, in Keras's order */
    public List<Weight> allWeights() {
        List<Weight> out = new ArrayList<>(weights);
        if (layers != null) {
            layers.forEach(l -> out.addAll(l.allWeights()));
        }
        return out;
    }

    private static List<int[]> copy(List<int[]> shapes) {
        List<int[]> out = new ArrayList<>();
        shapes.forEach(s -> out.add(s.clone()));
        return List.copyOf(out);
    }

    /**
     * One weight: its Lepton variable path from the root model ({@code dense/kernel},
     * {@code block/dense/kernel}) and its shape.
     *
     * @param path the variable's path
     * @param shape its dimensions (copied)
     */
    public record Weight(String path, int[] shape) {
        /**
         * Copies the shape.
         *
         * @param path the variable's path
         * @param shape its dimensions
         */
        public Weight {
            shape = shape.clone();
        }

        /** @return the dimensions, a copy */
        @Override
        public int[] shape() {
            return shape.clone();
        }
    }
}
