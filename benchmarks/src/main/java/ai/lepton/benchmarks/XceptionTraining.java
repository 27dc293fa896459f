package ai.lepton.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.lepton.kernels.Parallel;
import ai.lepton.layers.Activation;
import ai.lepton.layers.Add;
import ai.lepton.layers.BatchNormalization;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.GlobalAveragePooling2D;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.layers.Rescaling;
import ai.lepton.layers.SeparableConv2D;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;

/**
 * Training throughput of a small Xception in the shape of Keras's "Image classification from
 * scratch" example: Rescaling(1/255) → Conv2D(32, 3, strides 2, same) → BatchNormalization → ReLU
 * → two blocks of [ReLU → SeparableConv2D(size, 3, same) → BatchNormalization → ReLU →
 * SeparableConv2D(size, 3, same) → BatchNormalization → MaxPooling2D(3, strides 2, same)] plus a
 * residual Conv2D(size, 1, strides 2, same) of the block's input and an Add, sizes 64 and 128 →
 * GlobalAveragePooling2D → Dropout(0.25) → Dense(1, sigmoid); binary cross-entropy, Adam 1e-3,
 * batch 32, on random 64×64×3 images with random labels (only the arithmetic is compared).
 * {@code benchmarks/pytorch/bench_xception.py} builds the same network in PyTorch and prints the
 * same JSON line.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     ai.lepton.benchmarks.XceptionTraining [--threads 2] [--batches 10] [--warmup-batches 5]
 * </pre>
 */
public final class XceptionTraining {
    static final int SIZE = 64;
    static final int BATCH = 32;

    private XceptionTraining() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --threads N} (default 2), {@code --batches N} timed (default 10),
     *             {@code --warmup-batches N} untimed first (default 5), {@code --seed N}
     */
    public static void main(String[] args) {
        int threads = 2;
        int batches = 10;
        int warmup = 5;
        long seed = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--warmup-batches" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Parallel.setThreads(threads);
        Model model = model(seed);
        FitOptions options = FitOptions.create().epochs(1).batchSize(BATCH).shuffle(false).verbose(0);
        model.fit(images(warmup, 1), labels(warmup, 2), options);
        Tensor x = images(batches, 3);
        Tensor y = labels(batches, 4);
        long start = System.nanoTime();
        double loss = model.fit(x, y, options).loss().get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> fields = new ArrayList<>();
        fields.add(field("framework", "\"lepton\""));
        fields.add(field("dtype", "\"float64\""));
        fields.add(field("model", "\"small_xception\""));
        fields.add(field("images_per_s", batches * BATCH / seconds));
        fields.add(field("batch_ms", 1000 * seconds / batches));
        fields.add(field("loss", loss));
        fields.add(field("threads", threads));
        fields.add(field("parameters", model.countParams()));
        System.out.println("{" + String.join(", ", fields) + "}");
    }

    /** The network: Keras's example with two residual blocks of 64 and 128 channels. */
    static Model model(long seed) {
        SymbolicTensor inputs = Input.shape(SIZE, SIZE, 3);
        SymbolicTensor x = new Rescaling(1.0 / 255).apply(inputs);
        x = new Conv2D(32, 3).strides(2).padding("same").apply(x);
        x = new BatchNormalization().apply(x);
        x = new Activation("relu").apply(x);
        SymbolicTensor previous = x;
        for (int size : new int[] {64, 128}) {
            x = new Activation("relu").apply(x);
            x = new SeparableConv2D(size, 3).padding("same").apply(x);
            x = new BatchNormalization().apply(x);
            x = new Activation("relu").apply(x);
            x = new SeparableConv2D(size, 3).padding("same").apply(x);
            x = new BatchNormalization().apply(x);
            x = new MaxPooling2D(3).strides(2).padding("same").apply(x);
            SymbolicTensor residual = new Conv2D(size, 1).strides(2).padding("same").apply(previous);
            x = new Add().apply(x, residual);
            previous = x;
        }
        x = new GlobalAveragePooling2D().apply(x);
        x = new Dropout(0.25).apply(x);
        SymbolicTensor outputs = new Dense(1, "sigmoid").apply(x);
        Model model = new Model(inputs, outputs).seed(seed);
        model.compile(new Adam(1e-3), "binary_crossentropy");
        return model;
    }

    private static Tensor images(int batches, long seed) {
        return Tensor.rand(seed, batches * BATCH, SIZE, SIZE, 3).mul(255);
    }

    private static Tensor labels(int batches, long seed) {
        double[] v = Tensor.rand(seed, batches * BATCH, 1).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] < 0.5 ? 0 : 1;
        }
        return Tensor.of(v, v.length, 1);
    }

    private static String field(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        return "\"" + key + "\": " + v;
    }
}
