package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Gives each example a new shape with the same number of values, keeping the batch axis and the
 * row-major order, as Keras's {@code Reshape(target_shape)}: {@code (batch, ...)} becomes
 * {@code (batch, ...targetShape)}. One dimension may be {@code -1}, inferred from the others. No
 * weights; the gradient is the output's gradient under the input's shape.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(12);
 * SymbolicTensor grid = new Reshape(3, 4).apply(in);        // (None, 3, 4)
 * SymbolicTensor cube = new Reshape(-1, 2, 2).apply(in);    // (None, 3, 2, 2)
 * }</pre>
 */
public final class Reshape extends Layer {
    private final int[] targetShape;

    /**
     * @param targetShape the per-example shape, without the batch axis; positive dimensions and at most one {@code -1}
     * @throws IllegalArgumentException if a dimension is 0 or below -1, or -1 appears twice
     */
    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            unknown += d == -1 ? 1 : 0;
            if (d == 0 || d < -1 || unknown > 1) {
                throw new IllegalArgumentException("Reshape: target_shape must have positive dimensions and at most one -1. "
                        + "Received: target_shape=" + Arrays.toString(targetShape));
            }
        }
        if (targetShape.length == 0) {
            throw new IllegalArgumentException("Reshape: target_shape must have at least one dimension. Received: target_shape=[]");
        }
        this.targetShape = targetShape.clone();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Reshape fromConfig(Config config) {
        return new Reshape(config.getInts("target_shape"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int size = Shapes.size(inputShape);
        int known = 1;
        int unknown = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknown = i;
            } else {
                known = Math.multiplyExact(known, targetShape[i]);
            }
        }
        boolean fits = unknown >= 0 ? size % known == 0 : known == size;
        if (!fits) {
            throw new ShapeException(describe() + ": cannot reshape input " + Shapes.formatBatched(inputShape) + " ("
                    + size + " values per example) into target_shape " + Shapes.formatBatched(targetShape));
        }
        int[] out = targetShape.clone();
        if (unknown >= 0) {
            out[unknown] = size / known;
        }
        return out;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        int[] out = computeOutputShape(Arrays.copyOfRange(s, 1, s.length));
        int[] batched = new int[out.length + 1];
        batched[0] = s[0];
        System.arraycopy(out, 0, batched, 1, out.length);
        return x.reshape(batched);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("target_shape", targetShape.clone());
    }

    @Override
    public Reshape inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Reshape name(String layerName) {
        super.name(layerName);
        return this;
    }
}
