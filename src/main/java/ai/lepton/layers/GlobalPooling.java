package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The global pooling layers, as Keras's {@code BaseGlobalPooling}: the mean or the maximum of
 * each channel over every step of a sequence {@code (batch, steps, c)} or every pixel of an
 * image {@code (batch, h, w, c)}, giving {@code (batch, c)}, or with {@code keepdims}
 * {@code (batch, 1, c)} / {@code (batch, 1, 1, c)}. The average over a masked sequence (Keras's
 * {@link GlobalAveragePooling1D}) takes only the kept steps:
 * {@code y[b, c] = Σ_t m[b, t] x[b, t, c] / Σ_t m[b, t]}. No weights.
 *
 * <pre>{@code
 * GlobalAveragePooling2D gap = new GlobalAveragePooling2D().keepdims(true);   // (None, 1, 1, c)
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class GlobalPooling<T extends GlobalPooling<T>> extends Layer {
    private final int rank;
    private final boolean average;
    private boolean keepdims;

    /**
     * @param rank the number of spatial axes, 1 or 2
     * @param average whether to average (else take the maximum)
     */
    GlobalPooling(int rank, boolean average) {
        this.rank = rank;
        this.average = average;
    }

    /**
     * @param on whether to keep the pooled axes with length 1 (default false, as Keras)
     * @return this layer
     */
    public T keepdims(boolean on) {
        keepdims = on;
        return self();
    }

    @Override
    public T name(String layerName) {
        super.name(layerName);
        return self();
    }

    @Override
    public T inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return self();
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /** Keras's GlobalAveragePooling1D takes a mask; the others do not. */
    @Override
    public boolean supportsMasking() {
        return average && rank == 1;
    }

    /** The pooled output has no steps left to mask. */
    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return null;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw new ShapeException(describe() + ": expected input shape " + (rank == 1 ? "(None, steps, channels)"
                    : "(None, height, width, channels)") + ", received " + Shapes.formatBatched(inputShape));
        }
        int channels = inputShape[rank];
        if (!keepdims) {
            return new int[] {channels};
        }
        int[] out = new int[rank + 1];
        Arrays.fill(out, 1);
        out[rank] = channels;
        return out;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] xs = x.shape();
        int batch = xs[0];
        int channels = xs[xs.length - 1];
        Tensor cells = x.reshape(batch, -1, channels);
        Tensor mask = Storage.mask(x);
        Tensor y;
        if (mask != null && supportsMasking()) {
            Tensor m = mask.reshape(batch, -1, 1);
            y = cells.mul(m).sum(1, false).div(m.sum(1, false));
        } else {
            y = average ? cells.mean(1, false) : cells.max(1, false);
        }
        if (!keepdims) {
            return y;
        }
        return rank == 1 ? y.reshape(batch, 1, channels) : y.reshape(batch, 1, 1, channels);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("data_format", "channels_last").put("keepdims", keepdims);
    }

    /**
     * Reads the settings of {@link #getConfig()} or a Keras config into a new layer.
     *
     * @param layer a new layer
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    static <L extends GlobalPooling<L>> L withGlobalSettings(L layer, Config config) {
        Tuples.requireChannelsLast(config);
        return layer.keepdims(config.getBoolean("keepdims", false));
    }
}
