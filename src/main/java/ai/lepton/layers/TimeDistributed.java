package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a layer to every step of a sequence, Keras's {@code TimeDistributed}: input
 * {@code (batch, steps, ...)}, the wrapped layer sees {@code (batch, ...)} and the output is
 * {@code (batch, steps, ...its output)}, with one set of weights for all steps. The steps run as
 * one batch of {@code batch·steps} examples, which gives Keras's per-step results for every layer
 * whose examples do not interact (a layer with batch statistics, BatchNormalization in training,
 * sees all steps at once). The config nests the wrapped layer's.
 *
 * <p>As in Keras 3, the layer accepts a masked input and does not pass the mask on.
 *
 * <pre>{@code
 * SymbolicTensor frames = Input.shape(10, 16);                               // 10 steps of 16 features
 * SymbolicTensor perStep = new TimeDistributed(new Dense(8)).apply(frames);  // (None, 10, 8)
 * }</pre>
 */
public final class TimeDistributed extends Wrapper {
    private final Layer layer;

    /**
     * @param layer the layer to apply at every step (used itself, not copied; named after its
     *        class if it has no name)
     * @throws IllegalArgumentException if it is {@code null}
     */
    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed: needs a layer to wrap. Received: layer=null");
        }
        this.layer = layer;
        if (layer.name() == null) {
            layer.name(layer.baseName());
        }
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static TimeDistributed fromConfig(Config config) {
        return new TimeDistributed(fromNested(config.getConfig("layer")));
    }

    /** @return the wrapped layer */
    public Layer layer() {
        return layer;
    }

    @Override
    protected List<Layer> wrapped() {
        return List.of(layer);
    }

    @Override
    protected List<int[]> wrappedInputShapes(List<int[]> inputShapes) {
        requireInputs(inputShapes.size(), 1);
        int[] in = inputShapes.get(0);
        if (in.length < 2) {
            throw new ShapeException(describe() + ": expected an input of shape (batch, steps, ...) with at least one axis "
                    + "per step, received " + Shapes.formatBatched(in));
        }
        return List.of(Arrays.copyOfRange(in, 1, in.length));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        List<int[]> inner = layer.computeOutputShapes(wrappedInputShapes(List.of(inputShape)));
        if (inner.size() != 1) {
            throw new IllegalArgumentException(describe() + ": the wrapped " + layer.describe() + " has " + inner.size()
                    + " outputs; TimeDistributed takes a layer with one");
        }
        int[] out = new int[inner.get(0).length + 1];
        out[0] = inputShape[0];
        System.arraycopy(inner.get(0), 0, out, 1, inner.get(0).length);
        return out;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return null;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] shape = Storage.shape(x);
        if (shape.length < 3) {
            throw new ShapeException(describe() + ": expected an input of shape (batch, steps, ...), received "
                    + Shapes.format(shape));
        }
        int[] merged = Arrays.copyOfRange(shape, 1, shape.length);
        merged[0] = shape[0] * shape[1];
        Tensor y = layer.call(x.reshape(merged), training);
        int[] ys = Storage.shape(y);
        int[] out = new int[ys.length + 1];
        out[0] = shape[0];
        out[1] = shape[1];
        System.arraycopy(ys, 1, out, 2, ys.length - 1);
        return y.reshape(out);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("layer", nested(layer));
    }

    @Override
    public TimeDistributed inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public TimeDistributed name(String layerName) {
        super.name(layerName);
        return this;
    }
}
