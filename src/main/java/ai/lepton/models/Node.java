package ai.lepton.models;

import ai.lepton.layers.Layer;
import java.util.List;

/**
 * One call of a layer in a model's graph (Keras's {@code Node}): the layer, the symbolic tensors
 * it was called on, and the ones it produced.
 */
final class Node {
    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private List<SymbolicTensor> outputs;

    /**
     * @param layer the layer called
     * @param inputs its inputs (empty for an input layer's node)
     */
    Node(Layer layer, List<SymbolicTensor> inputs) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
    }

    Layer layer() {
        return layer;
    }

    List<SymbolicTensor> inputs() {
        return inputs;
    }

    List<SymbolicTensor> outputs() {
        return outputs;
    }

    void outputs(List<SymbolicTensor> produced) {
        outputs = List.copyOf(produced);
    }
}
