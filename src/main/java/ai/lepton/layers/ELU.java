package ai.lepton.layers;

import ai.lepton.autograd.Elu;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The exponential linear unit as a layer, {@code y = x} for {@code x > 0}, else
 * {@code alpha (e^x - 1)}, with Keras's default alpha 1. The output has the input's shape.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(16);
 * SymbolicTensor out = new ELU(0.5).apply(new Dense(8).apply(in));
 * }</pre>
 */
public final class ELU extends Layer {
    private final double alpha;

    /** A layer with alpha 1. */
    public ELU() {
        this(Elu.DEFAULT_ALPHA);
    }

    /**
     * @param alpha the scale of the negative part
     * @throws IllegalArgumentException if it is not finite
     */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be a finite number. Received: alpha=" + alpha);
        }
        this.alpha = alpha;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras writes no {@code alpha}, which then is 1.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static ELU fromConfig(Config config) {
        return new ELU(config.getDouble("alpha", Elu.DEFAULT_ALPHA));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Elu.apply(x, alpha);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("alpha", alpha);
    }

    @Override
    public ELU inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public ELU name(String layerName) {
        super.name(layerName);
        return this;
    }
}
