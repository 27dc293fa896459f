package ai.lepton.benchmarks.tfjava;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The TensorFlow Java side of Lepton's end-to-end benchmark: the MLP and the CNN of
 * docs/performance.md in graph mode, native float32, one epoch on Fashion-MNIST (batch 32, Adam
 * 1e-3, Glorot-uniform init, shuffled once with a fixed seed), then inference on the 10,000 test
 * images at batch 100 and 1000 and the serving latency of single-image predicts. Prints the same
 * JSON lines as the Lepton and PyTorch sides.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) ai.lepton.benchmarks.tfjava.TfJavaBench \
 *     --data /usr/share/datasets/fashion-mnist [--models mlp,cnn] [--threads 2] [--seed 0] \
 *     [--warmup-epochs 0] [--latency-n 10000]
 * </pre>
 *
 * <p>With {@code --warmup-epochs N}, a throwaway copy of each model (its own graph and session) is
 * first trained for N untimed epochs, as Lepton's {@code EndToEnd} does. The serving latency is the
 * time of each of {@code --latency-n} predicts of one test image (from the float array to the ten
 * probabilities), after a tenth as many untimed ones; p50 and p99 are nearest-rank percentiles.
 * Peak memory is the process's peak resident set ({@code VmHWM}) read right after the training
 * epoch, native buffers included.
 */
public final class TfJavaBench {
    private static final int BATCH = 32;

    private TfJavaBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --data DIR}, {@code --models mlp,cnn}, {@code --threads N}, {@code --seed N},
     *             {@code --warmup-epochs N} (default 0), {@code --latency-n N} (default 10,000)
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path data = null;
        String models = "mlp,cnn";
        int threads = 2;
        long seed = 0;
        int warmupEpochs = 0;
        int latencyN = 10_000;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("TfJavaBench: option " + args[args.length - 1] + " has no value");
        }
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--warmup-epochs" -> warmupEpochs = Integer.parseInt(args[i + 1]);
                case "--latency-n" -> latencyN = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("TfJavaBench: unknown option " + args[i]
                        + "; expected --data, --models, --threads, --seed, --warmup-epochs or --latency-n");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("TfJavaBench: --data DIR (the Fashion-MNIST folder) is required");
        }
        if (latencyN < 1) {
            throw new IllegalArgumentException("TfJavaBench: --latency-n must be at least 1, got " + latencyN);
        }
        float[] xTrain = images(data.resolve("train-images-idx3-ubyte.gz"));
        int[] yTrain = labels(data.resolve("train-labels-idx1-ubyte.gz"));
        float[] xTest = images(data.resolve("t10k-images-idx3-ubyte.gz"));
        int[] yTest = labels(data.resolve("t10k-labels-idx1-ubyte.gz"));
        for (String name : models.split(",")) {
            System.out.println(run(name, threads, seed, warmupEpochs, latencyN, xTrain, yTrain, xTest, yTest));
        }
    }

    private static String run(String name, int threads, long seed, int warmupEpochs, int latencyN,
                              float[] xTrain, int[] yTrain, float[] xTest, int[] yTest) {
        for (int e = 0; e < warmupEpochs; e++) {
            try (TfModel throwaway = new TfModel(name, seed, threads)) {
                epoch(throwaway, xTrain, yTrain, seed);
            }
        }
        try (TfModel model = new TfModel(name, seed, threads)) {
            long start = System.nanoTime();
            epoch(model, xTrain, yTrain, seed);
            double epoch = (System.nanoTime() - start) / 1e9;
            double peakRss = peakRssMb();

            List<String> fields = new ArrayList<>();
            fields.add(field("framework", "\"tfjava\""));
            fields.add(field("dtype", "\"float32\""));
            fields.add(field("model", "\"" + name + "\""));
            fields.add(field("epoch_s", epoch));
            fields.add(field("samples_per_s", yTrain.length / epoch));
            double accuracy = 0;
            for (int batch : new int[] {100, 1000}) {
                long t0 = System.nanoTime();
                int right = 0;
                for (int from = 0; from < yTest.length; from += batch) {
                    int n = Math.min(batch, yTest.length - from);
                    float[] p = model.predict(Arrays.copyOfRange(xTest, from * TfModel.PIXELS, (from + n) * TfModel.PIXELS), n);
                    for (int i = 0; i < n; i++) {
                        if (argmax(p, i) == yTest[from + i]) {
                            right++;
                        }
                    }
                }
                fields.add(field("infer_images_per_s_b" + batch, yTest.length / ((System.nanoTime() - t0) / 1e9)));
                accuracy = (double) right / yTest.length;
            }
            fields.add(field("test_accuracy", accuracy));
            double[] latency = latencyUs(model, xTest, latencyN);
            fields.add(field("latency_p50_us", percentile(latency, 50)));
            fields.add(field("latency_p99_us", percentile(latency, 99)));
            fields.add(field("latency_n", latencyN));
            fields.add(field("peak_rss_mb", peakRss));
            fields.add(field("threads", threads));
            fields.add(field("seed", String.valueOf(seed)));
            fields.add(field("warmup_epochs", warmupEpochs));
            return "{" + String.join(", ", fields) + "}";
        }
    }

    private static void epoch(TfModel model, float[] xTrain, int[] yTrain, long seed) {
        int n = yTrain.length;
        int[] order = shuffled(n, seed);
        for (int from = 0; from < n; from += BATCH) {
            int size = Math.min(BATCH, n - from);
            float[] x = new float[size * TfModel.PIXELS];
            int[] y = new int[size];
            for (int i = 0; i < size; i++) {
                System.arraycopy(xTrain, order[from + i] * TfModel.PIXELS, x, i * TfModel.PIXELS, TfModel.PIXELS);
                y[i] = yTrain[order[from + i]];
            }
            model.train(x, y, size);
        }
    }

    /** Microseconds of each of n single-image predicts, cycling through the test images. */
    private static double[] latencyUs(TfModel model, float[] xTest, int n) {
        int images = xTest.length / TfModel.PIXELS;
        for (int i = 0; i < Math.max(1, n / 10); i++) {
            model.predict(Arrays.copyOfRange(xTest, (i % images) * TfModel.PIXELS, (i % images + 1) * TfModel.PIXELS), 1);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i % images;
            long t0 = System.nanoTime();
            model.predict(Arrays.copyOfRange(xTest, k * TfModel.PIXELS, (k + 1) * TfModel.PIXELS), 1);
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

    private static int argmax(float[] p, int row) {
        int best = 0;
        for (int c = 1; c < TfModel.CLASSES; c++) {
            if (p[row * TfModel.CLASSES + c] > p[row * TfModel.CLASSES + best]) {
                best = c;
            }
        }
        return best;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static float[] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ", expected 803)");
            }
            int count = in.readInt();
            int size = in.readInt() * in.readInt();
            if (size != TfModel.PIXELS) {
                throw new IOException(file + ": images of " + size + " pixels, expected 28 x 28");
            }
            byte[] raw = in.readNBytes(count * size);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    private static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ", expected 801)");
            }
            byte[] raw = in.readNBytes(in.readInt());
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i];
            }
            return out;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new GZIPInputStream(Files.newInputStream(file)));
    }

    /** VmHWM from /proc (Linux): the process's peak resident memory, or -1 where there is none. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String field(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        return "\"" + key + "\": " + v;
    }
}
