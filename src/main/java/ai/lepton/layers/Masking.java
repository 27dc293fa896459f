package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Marks padded steps of a sequence, Keras's {@code Masking}: a step whose features all equal
 * {@code maskValue} is masked, for the layers that follow (recurrent layers skip it), and its
 * features become 0. The mask has the input's shape without its last axis, {@code (batch, steps)}
 * for sequences {@code (batch, steps, features)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Masking(-1.0).inputShape(20, 3),   // steps of (-1, -1, -1) are padding
 *         new LSTM(16),
 *         new Dense(1));
 * }</pre>
 */
public final class Masking extends Layer {
    private final double maskValue;

    /** Masks steps that are all zeros. */
    public Masking() {
        this(0.0);
    }

    /**
     * @param maskValue the value that marks padding, finite
     * @throws IllegalArgumentException echoing it if it is NaN or infinite
     */
    public Masking(double maskValue) {
        if (!Double.isFinite(maskValue)) {
            throw new IllegalArgumentException("Masking: mask_value must be a finite number. Received: mask_value=" + maskValue);
        }
        this.maskValue = maskValue;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Masking fromConfig(Config config) {
        return new Masking(config.getDouble("mask_value", 0.0));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new ShapeException(describe() + ": expected an input with at least one axis after the batch, received "
                    + Shapes.formatBatched(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return keep(inputs.get(0));
    }

    /** 1 where any feature differs from the mask value, over the input's shape without its last axis. */
    private Tensor keep(Tensor x) {
        int[] shape = Storage.shape(x);
        int features = shape[shape.length - 1];
        double[] v = Storage.data(x);
        double[] keep = new double[v.length / features];
        for (int s = 0; s < keep.length; s++) {
            for (int i = s * features; i < (s + 1) * features; i++) {
                if (v[i] != maskValue) {
                    keep[s] = 1.0;
                    break;
                }
            }
        }
        return Storage.wrap(keep, Arrays.copyOf(shape, shape.length - 1));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] shape = Storage.shape(x);
        if (shape.length < 2) {
            throw new ShapeException(describe() + ": expected a batch with at least one axis per example, received "
                    + Shapes.format(shape));
        }
        Tensor keep = keep(x);
        int[] broadcast = shape.clone();
        broadcast[broadcast.length - 1] = 1;
        Tensor out = x.mul(Storage.wrap(Storage.data(keep).clone(), broadcast));
        Storage.attachMask(out, keep);
        return out;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("mask_value", maskValue);
    }

    @Override
    public Masking inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Masking name(String layerName) {
        super.name(layerName);
        return this;
    }
}
