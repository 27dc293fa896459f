package ai.lepton.layers;

import ai.lepton.autograd.BatchNorm;
import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Batch normalization, as Keras's {@code BatchNormalization}: each channel (the {@code axis},
 * default the last) is normalized, {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}.
 * In training the mean and (biased) variance are the batch's own, over every other axis, and the
 * moving statistics follow them: {@code moving = moving * momentum + batch * (1 - momentum)}
 * (momentum 0.99, epsilon 1e-3 by default). In inference the moving statistics are used. A frozen
 * layer ({@code trainable(false)}) runs in inference mode even in training, as in Keras, so
 * fine-tuning around it keeps its statistics. A masked sequence (see {@link #supportsMasking()})
 * takes its training statistics from the steps its mask keeps, as Keras's masked moments; every
 * step is normalized.
 *
 * <p>Weights, in Keras's order: {@code gamma} (unless {@code scale(false)}), {@code beta} (unless
 * {@code center(false)}), then the non-trainable {@code moving_mean} and {@code moving_variance},
 * each of one value per channel. The forward and backward passes are one fused op
 * ({@link BatchNorm}). The shared settings are {@link AffineNormalization}'s.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3).useBias(false).inputShape(28, 28, 1),
 *         new BatchNormalization(),
 *         new ReLU(),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class BatchNormalization extends AffineNormalization<BatchNormalization> {
    private final int axis;
    private double momentum = 0.99;
    private String movingMeanInitializer = "zeros";
    private String movingVarianceInitializer = "ones";

    /** Normalizes the last axis. */
    public BatchNormalization() {
        this(-1);
    }

    /**
     * @param axis the channel axis, Keras-style: {@code -1} the last, {@code 1} the first after the batch
     * @throws IllegalArgumentException if {@code axis} is 0, the batch axis
     */
    public BatchNormalization(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("BatchNormalization: the channel axis cannot be the batch axis 0. Received: axis=0");
        }
        this.axis = axis;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}. Keras's {@code synchronized} is accepted (one
     * process has one set of batch statistics); batch renormalization is not supported.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     * @throws ConfigException if the config asks for batch renormalization
     */
    public static BatchNormalization fromConfig(Config config) {
        config.markRead("synchronized", "renorm_clipping", "renorm_momentum");
        if (config.getBoolean("renorm", false)) {
            throw new ConfigException("BatchNormalization: batch renormalization (renorm=true) is not supported");
        }
        BatchNormalization layer = new BatchNormalization(config.getInt("axis", -1)).momentum(config.getDouble("momentum", 0.99))
                .movingMeanInitializer(config.getString("moving_mean_initializer", "zeros"))
                .movingVarianceInitializer(config.getString("moving_variance_initializer", "ones"));
        return withNormalizationSettings(layer, config);
    }

    /**
     * @param value the weight of the old moving statistics in each update (default 0.99), in {@code [0, 1]}
     * @return this layer
     * @throws IllegalArgumentException if it is outside {@code [0, 1]}
     */
    public BatchNormalization momentum(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1]. Received: momentum=" + value);
        }
        momentum = value;
        return this;
    }

    /**
     * @param name an initializer name for the moving mean (default {@code zeros}, see {@link Initializers})
     * @return this layer
     */
    public BatchNormalization movingMeanInitializer(String name) {
        Initializers.get(name);
        movingMeanInitializer = name;
        return this;
    }

    /**
     * @param name an initializer name for the moving variance (default {@code ones}, see {@link Initializers})
     * @return this layer
     */
    public BatchNormalization movingVarianceInitializer(String name) {
        Initializers.get(name);
        movingVarianceInitializer = name;
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        Axes.ofExample(this, axis, inputShape);
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int[] shape = {inputShape[Axes.ofExample(this, axis, inputShape)]};
        declareGammaAndBeta(weights, shape);
        weights.addNonTrainable("moving_mean", shape, Initializers.get(movingMeanInitializer));
        weights.addNonTrainable("moving_variance", shape, Initializers.get(movingVarianceInitializer));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int channelAxis = Axes.ofExample(this, axis, builtInputShape()) + 1;
        if (!training || !trainable()) {
            return BatchNorm.inference(x, gamma(), beta(), weight("moving_mean"), weight("moving_variance"), channelAxis, epsilon());
        }
        int channels = Storage.shape(x)[channelAxis];
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        Tensor mask = Storage.mask(x);
        if (mask != null && channelAxis != Storage.shape(x).length - 1) {
            throw new ShapeException(describe() + ": a masked input " + Shapes.format(Storage.shape(x))
                    + " needs the channel axis last. Received: axis=" + axis);
        }
        Tensor y = BatchNorm.training(x, gamma(), beta(), mask, channelAxis, epsilon(), mean, variance);
        updateMovingStatistics(mean, variance);
        return y;
    }

    /** Keras's update, in place; synchronized because training calls may come from several threads. */
    private synchronized void updateMovingStatistics(double[] mean, double[] variance) {
        double[] movingMean = Storage.data(weight("moving_mean"));
        double[] movingVariance = Storage.data(weight("moving_variance"));
        for (int c = 0; c < mean.length; c++) {
            movingMean[c] = movingMean[c] * momentum + mean[c] * (1.0 - momentum);
            movingVariance[c] = movingVariance[c] * momentum + variance[c] * (1.0 - momentum);
        }
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("axis", axis).put("momentum", momentum).put("moving_mean_initializer", movingMeanInitializer)
                .put("moving_variance_initializer", movingVarianceInitializer);
    }
}
