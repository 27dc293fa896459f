package ai.lepton.layers;

import java.util.List;

/**
 * What a layer can be applied to when building a model: a placeholder with a shape and no data
 * (Keras's {@code KerasTensor}), produced by {@code Input.shape(...)} or by applying a layer.
 * {@link Layer#apply} infers the output shapes and asks the placeholder to record the call; the
 * model package implements it as {@code ai.lepton.models.SymbolicTensor}.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(784);
 * SymbolicTensor h = new Dense(64, "relu").apply(x);   // records a call of the Dense layer
 * }</pre>
 *
 * @param <T> the placeholder type
 */
public interface Symbolic<T extends Symbolic<T>> {
    /** @return the shape of one example, without the batch dimension (a copy) */
    int[] shape();

    /**
     * Records a call of a layer on placeholders and returns placeholders for its outputs.
     *
     * @param layer the layer called
     * @param inputs the placeholders it is called on, this one first
     * @param outputShapes the shapes of its outputs, as the layer inferred them
     * @return one new placeholder per output
     */
    List<T> record(Layer layer, List<T> inputs, List<int[]> outputShapes);
}
