package ai.lepton.models;

import ai.lepton.layers.Layer;
import java.util.List;

/**
 * One call of a layer in a model's graph (Keras's {@code Node}): the layer, the symbolic tensors
 * it was called on, and the ones it produced.
 */
final class Node {
    private static final java.util.concurrent.atomic.AtomicLong CREATED = new java.util.concurrent.atomic.AtomicLong();

    private final Layer layer;
    private final long sequence = CREATED.getAndIncrement();
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

    /** When the call was made, relative to every other call: a shared layer's calls are numbered in this order. */
    long sequence() {
        return sequence;
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
