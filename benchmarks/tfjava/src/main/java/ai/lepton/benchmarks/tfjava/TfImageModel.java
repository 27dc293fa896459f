package ai.lepton.benchmarks.tfjava;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One of the two 64×64×3 image classifiers of Lepton's {@code ImageTraining} as a TensorFlow graph
 * in float32, with its session, for training only: Glorot-uniform kernels and zero biases (Keras's
 * initialisation) and one Adam step (1e-3, 0.9, 0.999, 1e-7) per {@link #train} call.
 * <ul>
 *   <li>{@code seed_cnn}: Conv2D(32, 3, relu) → MaxPool(2) → Conv2D(64, 3, relu) → MaxPool(2) →
 *       Flatten → Dense(128, relu) → Dense(2, softmax), categorical cross-entropy of the labels
 *       0 and 1;</li>
 *   <li>{@code small_xception}: Rescaling(1/255) → Conv2D(32, 3, strides 2, same) → BatchNorm →
 *       ReLU → two blocks of [ReLU → SeparableConv(size, 3, same) → BatchNorm → ReLU →
 *       SeparableConv(size, 3, same) → BatchNorm → MaxPool(3, strides 2, same)] + Conv2D(size, 1,
 *       strides 2, same) of the block's input, sizes 64 and 128 → global average pooling →
 *       Dropout(0.25) → Dense(1, sigmoid), binary cross-entropy. A separable convolution is
 *       {@code DepthwiseConv2dNative} then a 1×1 {@code Conv2D} with a bias; batch normalisation is
 *       {@code FusedBatchNormV3} in training mode (Keras's epsilon 1e-3 and momentum 0.99), whose
 *       running mean and variance each step assigns to their variables.</li>
 * </ul>
 *
 * <pre>
 * try (TfImageModel model = new TfImageModel("seed_cnn", 0, 2)) {
 *     model.train(images, labels, 32);   // images: 32 x 64 x 64 x 3 floats, labels: 32 floats, 0 or 1
 * }
 * </pre>
 */
final class TfImageModel implements AutoCloseable {
    /** Floats per image: 64 × 64 pixels × 3 channels, channels last. */
    static final int PIXELS = 64 * 64 * 3;

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TFloat32> y;
    private final List<Op> targets = new ArrayList<>();
    private final Operand<TFloat32> loss;
    private long seed;

    /**
     * Builds the model's graph and initialises its variables.
     *
     * @param name {@code seed_cnn} or {@code small_xception}
     * @param seed the seed of the first kernel's initialiser; each later kernel takes the next one
     * @param threads TensorFlow's intra-op threads (inter-op: one)
     */
    TfImageModel(String name, long seed, int threads) {
        this.seed = seed;
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64, 64, 3)));
        y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        loss = switch (name) {
            case "seed_cnn" -> {
                Operand<TFloat32> h = maxPool(tf, tf.nn.relu(conv(tf, x, 3, 3, 32, 1, "VALID")), 2, 2, "VALID");
                h = maxPool(tf, tf.nn.relu(conv(tf, h, 3, 32, 64, 1, "VALID")), 2, 2, "VALID");
                h = tf.reshape(h, tf.constant(new int[] {-1, 14 * 14 * 64}));
                Operand<TFloat32> logits = dense(tf, tf.nn.relu(dense(tf, h, 14 * 14 * 64, 128)), 128, 2);
                Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(y, TInt32.class), tf.constant(2), tf.constant(1f),
                        tf.constant(0f));
                yield tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
            }
            case "small_xception" -> {
                Operand<TFloat32> logit = tf.reshape(smallXception(tf), tf.constant(new int[] {-1}));
                // Binary cross-entropy on the logit z: max(z, 0) - z y + log(1 + e^-|z|).
                Operand<TFloat32> perImage = tf.math.add(tf.math.sub(tf.nn.relu(logit), tf.math.mul(logit, y)),
                        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logit)))));
                yield tf.math.mean(perImage, tf.constant(0));
            }
            default -> throw new IllegalArgumentException("TfImageModel: unknown model " + name
                    + "; expected seed_cnn or small_xception");
        };
        targets.add(new Adam(graph, 1e-3f, 0.9f, 0.999f, 1e-7f).minimize(loss));
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1)
                .build();
        session = new Session(graph, config);
        session.initialize();
    }

    /**
     * One Adam step on a batch (and the batch-normalisation statistics' update).
     *
     * @param images {@code n * 64 * 64 * 3} floats, channels last
     * @param labels {@code n} labels, 0 or 1
     * @param n the batch size
     * @return the batch's mean loss, before the step
     */
    float train(float[] images, float[] labels, int n) {
        if (images.length != n * PIXELS || labels.length != n) {
            throw new IllegalArgumentException("TfImageModel: " + images.length + " floats and " + labels.length
                    + " labels for a batch of " + n + " images of " + PIXELS);
        }
        try (TFloat32 xs = TFloat32.tensorOf(Shape.of(n, 64, 64, 3), DataBuffers.of(images, true, false));
             TFloat32 ys = TFloat32.tensorOf(Shape.of(n), DataBuffers.of(labels, true, false))) {
            Session.Runner runner = session.runner().feed(x, xs).feed(y, ys).fetch(loss);
            for (Op target : targets) {
                runner.addTarget(target);
            }
            try (Result result = runner.run()) {
                return ((TFloat32) result.get(0)).getFloat();
            }
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    /** The network up to its one logit per image. */
    private Operand<TFloat32> smallXception(Ops tf) {
        Operand<TFloat32> h = tf.math.mul(x, tf.constant(1f / 255));
        h = tf.nn.relu(batchNorm(tf, conv(tf, h, 3, 3, 32, 2, "SAME"), 32));
        Operand<TFloat32> previous = h;
        int channels = 32;
        for (int size : new int[] {64, 128}) {
            h = batchNorm(tf, separable(tf, tf.nn.relu(h), channels, size), size);
            h = batchNorm(tf, separable(tf, tf.nn.relu(h), size, size), size);
            h = maxPool(tf, h, 3, 2, "SAME");
            h = tf.math.add(h, conv(tf, previous, 1, channels, size, 2, "SAME"));
            previous = h;
            channels = size;
        }
        h = tf.math.mean(h, tf.constant(new int[] {1, 2}));
        // Dropout(0.25): keep with probability 0.75 (floor(u + 0.75) is 1 or 0), scale by 1/0.75.
        Operand<TFloat32> keep = tf.math.floor(tf.math.add(
                tf.random.randomUniform(tf.shape(h), TFloat32.class), tf.constant(0.75f)));
        h = tf.math.mul(h, tf.math.mul(keep, tf.constant(1f / 0.75f)));
        return dense(tf, h, 128, 1);
    }

    /** SeparableConv2D(out, 3, same): a depthwise 3x3 kernel without bias, then a 1x1 conv with one. */
    private Operand<TFloat32> separable(Ops tf, Operand<TFloat32> h, int in, int out) {
        Operand<TFloat32> depthwise = tf.nn.depthwiseConv2dNative(h, Glorot.kernel(tf, seed++, 3, 3, in, 1),
                List.of(1L, 1L, 1L, 1L), "SAME");
        return conv(tf, depthwise, 1, in, out, 1, "SAME");
    }

    /** Training-mode batch normalisation over (batch, height, width), updating the running statistics. */
    private Operand<TFloat32> batchNorm(Ops tf, Operand<TFloat32> h, int channels) {
        Ops init = tf.withInitScope();
        Variable<TFloat32> gamma = tf.variable(init.fill(init.constant(new int[] {channels}), init.constant(1f)));
        Variable<TFloat32> beta = tf.variable(init.fill(init.constant(new int[] {channels}), init.constant(0f)));
        Variable<TFloat32> mean = tf.variable(init.fill(init.constant(new int[] {channels}), init.constant(0f)));
        Variable<TFloat32> variance = tf.variable(init.fill(init.constant(new int[] {channels}), init.constant(1f)));
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(h, gamma, beta, mean, variance,
                FusedBatchNorm.epsilon(1e-3f), FusedBatchNorm.isTraining(true),
                FusedBatchNorm.exponentialAvgFactor(0.01f));
        targets.add(tf.assign(mean, bn.batchMean()));
        targets.add(tf.assign(variance, bn.batchVariance()));
        return bn.y();
    }

    private Operand<TFloat32> dense(Ops tf, Operand<TFloat32> h, int in, int out) {
        return tf.nn.biasAdd(tf.linalg.matMul(h, Glorot.kernel(tf, seed++, in, out)), bias(tf, out));
    }

    /** A size x size convolution with a bias, kernel (size, size, in, out). */
    private Operand<TFloat32> conv(Ops tf, Operand<TFloat32> h, int size, int in, int out, long stride,
                                   String padding) {
        return tf.nn.biasAdd(tf.nn.conv2d(h, Glorot.kernel(tf, seed++, size, size, in, out),
                List.of(1L, stride, stride, 1L), padding), bias(tf, out));
    }

    private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> h, int size, int stride, String padding) {
        return tf.nn.maxPool(h, tf.constant(new int[] {1, size, size, 1}), tf.constant(new int[] {1, stride, stride, 1}),
                padding);
    }

    private static Variable<TFloat32> bias(Ops tf, int size) {
        Ops init = tf.withInitScope();
        return tf.variable(init.zeros(init.constant(new long[] {size}), TFloat32.class));
    }
}
