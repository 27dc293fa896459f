package ai.lepton.models;

import ai.lepton.layers.InputLayer;

/**
 * Starts a functional model, as {@code keras.Input}: a placeholder for the data of one model
 * input, without the batch dimension.
 *
 * <pre>{@code
 * SymbolicTensor images = Input.shape(28, 28, 1).name("images");
 * SymbolicTensor features = new Flatten().apply(images);
 * SymbolicTensor classes = new Dense(10, "softmax").apply(features);
 * Model model = new Model(images, classes);
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /**
     * @param shapeWithoutBatch the dimensions of one example, each positive
     * @return the placeholder of a new model input
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static SymbolicTensor shape(int... shapeWithoutBatch) {
        return SymbolicTensor.input(new InputLayer(shapeWithoutBatch));
    }
}
