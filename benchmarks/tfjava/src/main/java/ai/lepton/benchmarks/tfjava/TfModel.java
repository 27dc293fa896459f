package ai.lepton.benchmarks.tfjava;

import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One of the benchmark's two models (the MLP or the CNN of docs/performance.md) as a TensorFlow
 * graph in float32, with its session: Glorot-uniform kernels and zero biases, as Keras initialises
 * them, and one Adam step (Keras's defaults: 1e-3, 0.9, 0.999, 1e-7) per {@link #train} call.
 *
 * <pre>
 * try (TfModel model = new TfModel("cnn", 0, 2)) {
 *     model.train(images, labels, 32);          // images: 32 x 784 floats, labels: 32 ints
 *     float[] probabilities = model.predict(images, 32);
 * }
 * </pre>
 */
final class TfModel implements AutoCloseable {
    /** Pixels per image; the graph sees them as (28, 28, 1), channels last, as Keras does. */
    static final int PIXELS = 28 * 28;
    static final int CLASSES = 10;

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TInt32> y;
    private final Operand<TFloat32> probabilities;
    private final Op step;
    private long seed;

    /**
     * Builds the model's graph and initialises its variables.
     *
     * @param name {@code mlp} or {@code cnn}
     * @param seed the seed of the first layer's initialiser; each later layer takes the next one
     * @param threads TensorFlow's intra-op threads (inter-op: one, since the graph is a chain)
     */
    TfModel(String name, long seed, int threads) {
        this.seed = seed;
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> logits = switch (name) {
            case "mlp" -> dense(tf, tf.nn.relu(dense(tf, flatten(tf, x, PIXELS), PIXELS, 128)), 128, CLASSES);
            case "cnn" -> {
                Operand<TFloat32> h = maxPool(tf, tf.nn.relu(conv(tf, x, 1, 32)));
                h = maxPool(tf, tf.nn.relu(conv(tf, h, 32, 64)));
                yield dense(tf, tf.nn.relu(dense(tf, flatten(tf, h, 5 * 5 * 64), 5 * 5 * 64, 128)), 128, CLASSES);
            }
            default -> throw new IllegalArgumentException("Unknown model " + name + "; expected mlp or cnn");
        };
        probabilities = tf.nn.softmax(logits);
        // The sparse cross-entropy op has no graph gradient in TensorFlow's C++ API; one-hot labels
        // through the dense op compute the same loss.
        Operand<TFloat32> oneHot = tf.oneHot(y, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
                tf.constant(0));
        step = new Adam(graph, 1e-3f, 0.9f, 0.999f, 1e-7f).minimize(loss);
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1)
                .build();
        session = new Session(graph, config);
        session.initialize();
    }

    /**
     * One Adam step on a batch.
     *
     * @param images {@code n * 784} pixels in [0, 1]
     * @param labels {@code n} class indices
     * @param n the batch size
     */
    @SuppressWarnings("try") // the result is closed, not read: the step's effect is on the variables
    void train(float[] images, int[] labels, int n) {
        if (labels.length != n) {
            throw new IllegalArgumentException("TfModel: " + labels.length + " labels for a batch of " + n + " images");
        }
        try (TFloat32 xs = images(images, n);
             TInt32 ys = TInt32.tensorOf(Shape.of(n), DataBuffers.of(labels, true, false));
             Result ignored = session.runner().feed(x, xs).feed(y, ys).addTarget(step).run()) {
            // nothing is fetched
        }
    }

    /**
     * The class probabilities of a batch.
     *
     * @param images {@code n * 784} pixels in [0, 1]
     * @param n the batch size
     * @return {@code n * 10} probabilities, row by row
     */
    float[] predict(float[] images, int n) {
        try (TFloat32 xs = images(images, n);
             Result result = session.runner().feed(x, xs).fetch(probabilities).run()) {
            float[] out = new float[n * CLASSES];
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static TFloat32 images(float[] images, int n) {
        if (images.length != n * PIXELS) {
            throw new IllegalArgumentException("TfModel: " + images.length + " pixels for a batch of " + n
                    + " images of " + PIXELS);
        }
        FloatDataBuffer buffer = DataBuffers.of(images, true, false);
        return TFloat32.tensorOf(Shape.of(n, 28, 28, 1), buffer);
    }

    private Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> h, int size) {
        return tf.reshape(h, tf.constant(new int[] {-1, size}));
    }

    private Operand<TFloat32> dense(Ops tf, Operand<TFloat32> h, int in, int out) {
        return tf.nn.biasAdd(tf.linalg.matMul(h, kernel(tf, in, out)), bias(tf, out));
    }

    /** A 3x3 convolution, stride 1, no padding (Keras's Conv2D default), kernel (3, 3, in, out). */
    private Operand<TFloat32> conv(Ops tf, Operand<TFloat32> h, int in, int out) {
        return tf.nn.biasAdd(tf.nn.conv2d(h, kernel(tf, 3, 3, in, out), List.of(1L, 1L, 1L, 1L), "VALID"),
                bias(tf, out));
    }

    private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> h) {
        return tf.nn.maxPool(h, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
    }

    /** A Glorot-uniform kernel; each call takes the next seed. */
    private Variable<TFloat32> kernel(Ops tf, long... shape) {
        return Glorot.kernel(tf, seed++, shape);
    }

    private static Variable<TFloat32> bias(Ops tf, int size) {
        Ops init = tf.withInitScope();
        return tf.variable(init.zeros(init.constant(new long[] {size}), TFloat32.class));
    }
}
