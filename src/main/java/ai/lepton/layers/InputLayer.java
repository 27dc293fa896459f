package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a functional model's data comes in, as Keras's {@code InputLayer}: it has no weights and
 * passes its input on. {@code Input.shape(...)} makes one; its output is the model's symbolic input.
 *
 * <pre>{@code
 * SymbolicTensor images = Input.shape(28, 28, 1).name("images");   // an InputLayer named "images"
 * }</pre>
 */
public final class InputLayer extends Layer {
    private final int[] shape;

    /**
     * @param shape the per-example shape of the data, each dimension positive
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public InputLayer(int... shape) {
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("InputLayer: shape dimensions must be positive. Received: shape="
                        + Shapes.format(shape));
            }
        }
        this.shape = shape.clone();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}: Keras's {@code batch_shape}, whose first entry
     * (the batch size) is {@code null}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static InputLayer fromConfig(Config config) {
        config.markRead("dtype", "sparse", "ragged");
        Object batchShape = config.get("batch_shape");
        if (!(batchShape instanceof List<?> list) || list.isEmpty() || list.get(0) != null) {
            throw new IllegalArgumentException(config.owner() + ": batch_shape must be a list starting with null (the batch). "
                    + "Received: " + batchShape);
        }
        Config dims = Config.of(config.owner()).put("shape", list.subList(1, list.size()));
        return new InputLayer(dims.getInts("shape"));
    }

    /** @return the per-example shape, a copy */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return x;
    }

    @Override
    public Config getConfig() {
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        Arrays.stream(shape).forEach(batchShape::add);
        return super.getConfig().remove("trainable").put("batch_shape", batchShape);
    }

    @Override
    public InputLayer inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public InputLayer name(String layerName) {
        super.name(layerName);
        return this;
    }
}
