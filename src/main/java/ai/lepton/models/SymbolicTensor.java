package ai.lepton.models;

import ai.lepton.layers.InputLayer;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Symbolic;
import ai.lepton.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * A placeholder for data in a functional model, as Keras's {@code KerasTensor}: it has a shape
 * (without the batch dimension) and remembers which layer call produced it, but holds no values.
 * {@link Input#shape} makes one; {@link Layer#apply} turns placeholders into new ones; a
 * {@link Model} is built from its input and output placeholders.
 *
 * <pre>{@code
 * SymbolicTensor inputs = Input.shape(784).name("pixels");
 * SymbolicTensor outputs = new Dense(10, "softmax").apply(inputs);
 * System.out.println(outputs.shape()[0]);   // 10
 * Model model = new Model(inputs, outputs);
 * }</pre>
 */
public final class SymbolicTensor implements Symbolic<SymbolicTensor> {
    private final int[] shape;
    private final Node node;
    private final int index;

    SymbolicTensor(int[] shape, Node node, int index) {
        this.shape = shape.clone();
        this.node = node;
        this.index = index;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Names the input layer behind a model input, as {@code keras.Input(shape, name=...)}.
     *
     * @param inputName the name
     * @return this placeholder
     * @throws IllegalStateException if this placeholder is not a model input (it was produced by a layer)
     */
    public SymbolicTensor name(String inputName) {
        if (!(node.layer() instanceof InputLayer)) {
            throw new IllegalStateException("only a model input (Input.shape(...)) can be named; this tensor is the output of "
                    + node.layer().describe() + ", whose layer can be named instead");
        }
        node.layer().name(inputName);
        return this;
    }

    @Override
    public List<SymbolicTensor> record(Layer layer, List<SymbolicTensor> inputs, List<int[]> outputShapes) {
        Node call = new Node(layer, inputs);
        List<SymbolicTensor> outputs = new ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) {
            outputs.add(new SymbolicTensor(outputShapes.get(i), call, i));
        }
        call.outputs(outputs);
        return outputs;
    }

    /** The layer call that produced this placeholder. */
    Node node() {
        return node;
    }

    /** Which of that call's outputs this is. */
    int index() {
        return index;
    }

    /** @return e.g. {@code SymbolicTensor(shape=(None, 10), from dense)} */
    @Override
    public String toString() {
        Layer layer = node.layer();
        return "SymbolicTensor(shape=" + Shapes.formatBatched(shape) + ", from "
                + (layer.name() == null ? layer.baseName() : layer.name()) + ")";
    }

    /**
     * A new model input.
     *
     * @param layer the input layer behind it
     * @return its placeholder
     */
    static SymbolicTensor input(InputLayer layer) {
        Node node = new Node(layer, List.of());
        SymbolicTensor t = new SymbolicTensor(layer.shape(), node, 0);
        node.outputs(List.of(t));
        return t;
    }
}
