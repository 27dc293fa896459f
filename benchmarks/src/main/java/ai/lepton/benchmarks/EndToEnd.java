package ai.lepton.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.lepton.Settings;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.Datasets;
import ai.lepton.data.Idx;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;

/**
 * One epoch of training on Fashion-MNIST, then inference on its 10,000 test images, for the MLP
 * and the CNN of docs/performance.md; the same models, batch size and optimizer as
 * {@code benchmarks/pytorch/bench.py} and the DL4J peer, printing the same JSON lines.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     ai.lepton.benchmarks.EndToEnd [--data DIR] [--models mlp,cnn] [--threads 2] \
 *     [--seed 0] [--warmup-epochs 0] [--latency-n 10000]
 * </pre>
 *
 * <p>With {@code --warmup-epochs N}, a throwaway copy of each model is first trained for N
 * untimed epochs, so that the timed epoch (of a fresh model) measures the steady state, after the
 * JIT has compiled the hot code; {@code bench.py} has the same option. Without it the epoch also
 * pays for compiling: the MLP's first epoch in a fresh JVM took 1.6–2.4 s, its third 0.8 s.
 *
 * <p>The serving latency is the time of each of {@code --latency-n} single-image predicts (from
 * the image's {@code double[]} through {@code Tensor.of} and {@code predict} to the ten
 * probabilities), after a tenth as many untimed ones; p50 and p99 are nearest-rank percentiles.
 * The TensorFlow Java peer and {@code bench.py} time the same thing.
 *
 * <p>Peak memory, read right after the training epoch, is the peak of the process's resident set
 * ({@code VmHWM}), as PyTorch's side reports it, and the peak of the Java heap in use (the sum of
 * the heap pools' peaks).
 */
public final class EndToEnd {
    private static final int BATCH = 32;

    private EndToEnd() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --data DIR} (the Fashion-MNIST IDX files; default {@link Datasets#folder}),
     *             {@code --models mlp,cnn}, {@code --threads N}, {@code --seed N}
     *             (initialisation and shuffling; default 0), {@code --warmup-epochs N} (default 0),
     *             {@code --latency-n N} (single-image predicts timed; default 10,000)
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path data = null;
        String models = "mlp,cnn";
        int threads = 2;
        long seed = 0;
        int warmupEpochs = 0;
        int latencyN = 10_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--warmup-epochs" -> warmupEpochs = Integer.parseInt(args[i + 1]);
                case "--latency-n" -> latencyN = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (latencyN < 1) {
            throw new IllegalArgumentException("EndToEnd: --latency-n must be at least 1, got " + latencyN);
        }
        Settings.setThreads(threads);
        if (data == null) {
            data = Datasets.folder("fashion-mnist");
        }
        Dataset train = Idx.read(data.resolve("train-images-idx3-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz"));
        Dataset test = Idx.read(data.resolve("t10k-images-idx3-ubyte.gz"), data.resolve("t10k-labels-idx1-ubyte.gz"));
        for (String name : models.split(",")) {
            System.out.println(run(name, train, test, threads, seed, warmupEpochs, latencyN));
        }
    }

    /** The model under test, freshly initialised. */
    static Sequential model(String name, long seed) {
        Sequential model = switch (name) {
            case "mlp" -> new Sequential(
                    new Flatten().inputShape(28, 28, 1),
                    new Dense(128, "relu"),
                    new Dense(10, "softmax"));
            case "cnn" -> new Sequential(
                    new Conv2D(32, 3, "relu").inputShape(28, 28, 1),
                    new MaxPooling2D(),
                    new Conv2D(64, 3, "relu"),
                    new MaxPooling2D(),
                    new Flatten(),
                    new Dense(128, "relu"),
                    new Dense(10, "softmax"));
            default -> throw new IllegalArgumentException("Unknown model " + name + "; expected mlp or cnn");
        };
        model.seed(seed).compile(new Adam(1e-3), "sparse_categorical_crossentropy");
        return model;
    }

    private static String run(String name, Dataset train, Dataset test, int threads, long seed, int warmupEpochs,
                              int latencyN) {
        // The datasets keep pixels as bytes; training converts each batch to float64 as it goes
        // (DataLoader.of, in the order fit(x, y) would shuffle with the same seed).
        if (warmupEpochs > 0) {
            model(name, seed).fit(DataLoader.of(train, BATCH).shuffle(seed),
                    FitOptions.create().epochs(warmupEpochs).verbose(0));
        }
        Sequential model = model(name, seed);
        resetPeakHeap();
        long start = System.nanoTime();
        model.fit(DataLoader.of(train, BATCH).shuffle(seed), FitOptions.create().epochs(1).verbose(0));
        double epoch = (System.nanoTime() - start) / 1e9;
        // Read before inference, whose batches of 1000 need more memory than training does.
        double peakRss = peakRssMb();
        double peakHeap = peakHeapMb();
        Tensor testX = test.x();
        Tensor testY = test.y();

        List<String> fields = new ArrayList<>();
        fields.add(field("framework", "\"lepton\""));
        fields.add(field("dtype", "\"float64\""));
        fields.add(field("model", "\"" + name + "\""));
        fields.add(field("epoch_s", epoch));
        fields.add(field("samples_per_s", train.size() / epoch));
        double[] accuracy = new double[1];
        for (int batch : new int[] {100, 1000}) {
            long t0 = System.nanoTime();
            Tensor probabilities = model.predict(testX, batch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            fields.add(field("infer_images_per_s_b" + batch, test.size() / seconds));
            accuracy[0] = accuracy(probabilities, testY);
        }
        fields.add(field("test_accuracy", accuracy[0]));
        double[] latency = latencyUs(model, testX, latencyN);
        fields.add(field("latency_p50_us", percentile(latency, 50)));
        fields.add(field("latency_p99_us", percentile(latency, 99)));
        fields.add(field("latency_n", latencyN));
        fields.add(field("peak_rss_mb", peakRss));
        fields.add(field("peak_heap_mb", peakHeap));
        fields.add(field("threads", threads));
        fields.add(field("seed", String.valueOf(seed)));
        fields.add(field("warmup_epochs", warmupEpochs));
        return "{" + String.join(", ", fields) + "}";
    }

    /** Microseconds of each of n single-image predicts, cycling through the test images. */
    private static double[] latencyUs(Sequential model, Tensor images, int n) {
        int count = images.shape()[0];
        int size = images.size() / count;
        int[] shape = images.shape().clone();
        shape[0] = 1;
        double[] pixels = images.toArray();
        for (int i = 0; i < Math.max(1, n / 10); i++) {
            model.predict(Tensor.of(Arrays.copyOfRange(pixels, (i % count) * size, (i % count + 1) * size), shape));
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i % count;
            long t0 = System.nanoTime();
            model.predict(Tensor.of(Arrays.copyOfRange(pixels, k * size, (k + 1) * size), shape)).toArray();
            out[i] = (System.nanoTime() - t0) / 1e3;
        }
        return out;
    }

    /** The nearest-rank percentile. */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double accuracy(Tensor probabilities, Tensor labels) {
        double[] predicted = probabilities.argmax(-1).toArray();
        double[] truth = labels.toArray();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                right++;
            }
        }
        return (double) right / truth.length;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    /** VmHWM from /proc (Linux), or -1 where there is none. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static String field(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        return "\"" + key + "\": " + v;
    }
}
