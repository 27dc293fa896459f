package ai.lepton.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.lepton.Settings;
import ai.lepton.layers.Activation;
import ai.lepton.layers.Add;
import ai.lepton.layers.BatchNormalization;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.GlobalAveragePooling2D;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.layers.Rescaling;
import ai.lepton.layers.SeparableConv2D;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.Sequential;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;

/**
 * Training time per batch of two image classifiers on random 64×64×3 images with random labels
 * (only the arithmetic is compared; pixels in [0, 255) for the Xception, which rescales them, in
 * [0, 1) for the seed CNN), batch 32, Adam 1e-3:
 * <ul>
 *   <li>{@code seed_cnn}, the seed article's CNN: Conv2D(32, 3, relu) → MaxPooling2D →
 *       Conv2D(64, 3, relu) → MaxPooling2D → Flatten → Dense(128, relu) → Dense(2, softmax),
 *       sparse categorical cross-entropy;</li>
 *   <li>{@code small_xception}, Keras's "Image classification from scratch" example cut to two
 *       residual blocks: Rescaling(1/255) → Conv2D(32, 3, strides 2, same) → BatchNormalization →
 *       ReLU → two blocks of [ReLU → SeparableConv2D(size, 3, same) → BatchNormalization → ReLU →
 *       SeparableConv2D(size, 3, same) → BatchNormalization → MaxPooling2D(3, strides 2, same)] plus
 *       a residual Conv2D(size, 1, strides 2, same) of the block's input and an Add, sizes 64 and
 *       128 → GlobalAveragePooling2D → Dropout(0.25) → Dense(1, sigmoid), binary cross-entropy.</li>
 * </ul>
 * {@code benchmarks/pytorch/bench_images.py} and {@code benchmarks/tfjava}'s {@code TfImageBench}
 * build the same networks and print the same JSON line, one per model.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     ai.lepton.benchmarks.ImageTraining [--models seed_cnn,small_xception] [--threads 2] \
 *     [--batches 10] [--warmup-batches 5]
 * </pre>
 *
 * <p>Each model first trains on {@code --warmup-batches} untimed batches (the JIT compiles the hot
 * code), then the same model trains on {@code --batches} timed ones.
 */
public final class ImageTraining {
    static final int SIZE = 64;
    static final int BATCH = 32;

    private ImageTraining() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --models seed_cnn,small_xception}, {@code --threads N} (default 2),
     *             {@code --batches N} timed (default 10), {@code --warmup-batches N} untimed first
     *             (default 5), {@code --seed N}
     */
    public static void main(String[] args) {
        String models = "seed_cnn,small_xception";
        int threads = 2;
        int batches = 10;
        int warmup = 5;
        long seed = 0;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("ImageTraining: option " + args[args.length - 1] + " has no value");
        }
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--models" -> models = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--warmup-batches" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("ImageTraining: unknown option " + args[i]
                        + "; expected --models, --threads, --batches, --warmup-batches or --seed");
            }
        }
        if (batches < 1 || warmup < 0) {
            throw new IllegalArgumentException("ImageTraining: --batches must be at least 1 and --warmup-batches"
                    + " at least 0, got " + batches + " and " + warmup);
        }
        Settings.setThreads(threads);
        for (String name : models.split(",")) {
            System.out.println(run(name, threads, batches, warmup, seed));
        }
    }

    private static String run(String name, int threads, int batches, int warmup, long seed) {
        Model model = model(name, seed);
        FitOptions options = FitOptions.create().epochs(1).batchSize(BATCH).shuffle(false).verbose(0);
        // The Xception rescales its input itself; the seed CNN expects pixels already in [0, 1).
        double scale = name.equals("small_xception") ? 255 : 1;
        if (warmup > 0) {
            model.fit(images(warmup, 1, scale), labels(warmup, 2), options);
        }
        Tensor x = images(batches, 3, scale);
        Tensor y = labels(batches, 4);
        long start = System.nanoTime();
        double loss = model.fit(x, y, options).loss().get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> fields = new ArrayList<>();
        fields.add(field("framework", "\"lepton\""));
        fields.add(field("dtype", "\"float64\""));
        fields.add(field("model", "\"" + name + "\""));
        fields.add(field("images_per_s", batches * BATCH / seconds));
        fields.add(field("batch_ms", 1000 * seconds / batches));
        fields.add(field("loss", loss));
        fields.add(field("threads", threads));
        fields.add(field("batches", batches));
        fields.add(field("parameters", model.countParams()));
        return "{" + String.join(", ", fields) + "}";
    }

    static Model model(String name, long seed) {
        return switch (name) {
            case "seed_cnn" -> seedCnn(seed);
            case "small_xception" -> smallXception(seed);
            default -> throw new IllegalArgumentException("ImageTraining: unknown model " + name
                    + "; expected seed_cnn or small_xception");
        };
    }

    /** The seed article's CNN, two classes. */
    static Model seedCnn(long seed) {
        Sequential model = new Sequential(new Conv2D(32, 3, "relu").inputShape(SIZE, SIZE, 3), new MaxPooling2D(),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(), new Flatten(), new Dense(128, "relu"),
                new Dense(2, "softmax"));
        model.seed(seed).compile(new Adam(1e-3), "sparse_categorical_crossentropy");
        return model;
    }

    /** Keras's example with two residual blocks of 64 and 128 channels. */
    static Model smallXception(long seed) {
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

    private static Tensor images(int batches, long seed, double scale) {
        return Tensor.rand(seed, batches * BATCH, SIZE, SIZE, 3).mul(scale);
    }

    /** Labels 0 or 1, one column: a class index for the seed CNN, the target for the Xception. */
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
