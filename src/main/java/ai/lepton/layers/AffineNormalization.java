package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The base of the normalization layers that scale and shift what they normalize by learned
 * weights, {@code y = gamma * normalized + beta}: {@link BatchNormalization},
 * {@link LayerNormalization} and {@link GroupNormalization}. It holds the settings they share, in
 * Keras's names and with Keras's defaults: {@code epsilon} 1e-3 (added to the variance),
 * {@code center} (use beta, initialized to zeros) and {@code scale} (use gamma, initialized to
 * ones), and the weights' regularizers and constraints. (The preprocessing layer
 * {@code Normalization}, which standardizes inputs with statistics from {@code adapt}, is another
 * thing.)
 *
 * <p>The type parameter is the concrete layer, so that the shared fluent settings return it.
 *
 * <pre>{@code
 * LayerNormalization norm = new LayerNormalization().epsilon(1e-6).center(false);
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class AffineNormalization<T extends AffineNormalization<T>> extends Layer {
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private String betaInitializer = "zeros";
    private String gammaInitializer = "ones";
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;

    /** For subclasses. */
    protected AffineNormalization() {
    }

    /**
     * @param value added to the variance before the square root (default 1e-3), positive
     * @return this layer
     * @throws IllegalArgumentException if it is not positive
     */
    public T epsilon(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": epsilon must be a positive number. Received: epsilon="
                    + value);
        }
        epsilon = value;
        return self();
    }

    /** @return the number added to the variance */
    public double epsilon() {
        return epsilon;
    }

    /**
     * @param on whether to add the learned offset {@code beta} (default true)
     * @return this layer
     */
    public T center(boolean on) {
        center = on;
        return self();
    }

    /**
     * @param on whether to multiply by the learned scale {@code gamma} (default true)
     * @return this layer
     */
    public T scale(boolean on) {
        scale = on;
        return self();
    }

    /**
     * @param name an initializer name for beta (default {@code zeros}, see {@link Initializers})
     * @return this layer
     */
    public T betaInitializer(String name) {
        Initializers.get(name);
        betaInitializer = name;
        return self();
    }

    /**
     * @param name an initializer name for gamma (default {@code ones}, see {@link Initializers})
     * @return this layer
     */
    public T gammaInitializer(String name) {
        Initializers.get(name);
        gammaInitializer = name;
        return self();
    }

    /**
     * @param regularizer beta's penalty in the loss, or {@code null} for none
     * @return this layer
     */
    public T betaRegularizer(Regularizer regularizer) {
        betaRegularizer = regularizer;
        return self();
    }

    /**
     * @param regularizer gamma's penalty in the loss, or {@code null} for none
     * @return this layer
     */
    public T gammaRegularizer(Regularizer regularizer) {
        gammaRegularizer = regularizer;
        return self();
    }

    /**
     * @param constraint beta's projection after each optimizer step, or {@code null} for none
     * @return this layer
     */
    public T betaConstraint(Constraint constraint) {
        betaConstraint = constraint;
        return self();
    }

    /**
     * @param constraint gamma's projection after each optimizer step, or {@code null} for none
     * @return this layer
     */
    public T gammaConstraint(Constraint constraint) {
        gammaConstraint = constraint;
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

    @Override
    public T trainable(boolean on) {
        super.trainable(on);
        return self();
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /**
     * Declares {@code gamma} and then {@code beta}, those in use, in Keras's order.
     *
     * @param weights where to declare them
     * @param shape their shape
     */
    protected final void declareGammaAndBeta(Weights weights, int[] shape) {
        if (scale) {
            weights.add("gamma", shape, Initializers.get(gammaInitializer), gammaRegularizer, gammaConstraint);
        }
        if (center) {
            weights.add("beta", shape, Initializers.get(betaInitializer), betaRegularizer, betaConstraint);
        }
    }

    /** @return the live scale, or {@code null} with {@code scale(false)} */
    protected final Tensor gamma() {
        return scale ? weight("gamma") : null;
    }

    /** @return the live offset, or {@code null} with {@code center(false)} */
    protected final Tensor beta() {
        return center ? weight("beta") : null;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("epsilon", epsilon).put("center", center).put("scale", scale)
                .put("beta_initializer", betaInitializer).put("gamma_initializer", gammaInitializer);
        Regularizers.put(config, "beta_regularizer", betaRegularizer);
        Regularizers.put(config, "gamma_regularizer", gammaRegularizer);
        Constraints.put(config, "beta_constraint", betaConstraint);
        Constraints.put(config, "gamma_constraint", gammaConstraint);
        return config;
    }

    /**
     * Reads the shared settings of {@link #getConfig()} into a new layer, for the factories of subclasses.
     *
     * @param layer a new layer
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    protected static <L extends AffineNormalization<L>> L withNormalizationSettings(L layer, Config config) {
        return layer.epsilon(config.getDouble("epsilon", 1e-3)).center(config.getBoolean("center", true))
                .scale(config.getBoolean("scale", true)).betaInitializer(config.getString("beta_initializer", "zeros"))
                .gammaInitializer(config.getString("gamma_initializer", "ones"))
                .betaRegularizer(Regularizers.read(config, "beta_regularizer"))
                .gammaRegularizer(Regularizers.read(config, "gamma_regularizer"))
                .betaConstraint(Constraints.read(config, "beta_constraint"))
                .gammaConstraint(Constraints.read(config, "gamma_constraint"));
    }
}
