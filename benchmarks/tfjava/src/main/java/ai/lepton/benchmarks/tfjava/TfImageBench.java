package ai.lepton.benchmarks.tfjava;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The TensorFlow Java side of Lepton's {@code ImageTraining} benchmark: the seed article's CNN and
 * the small Xception ({@link TfImageModel}) in graph mode, native float32, batch 32, Adam 1e-3, on
 * random 64×64×3 images with random labels 0 or 1 (pixels in [0, 1) for the seed CNN, [0, 255) for
 * the Xception, which rescales them). Each model trains on {@code --warmup-batches} untimed batches,
 * then on {@code --batches} timed ones, and prints the same JSON line as the Lepton and PyTorch sides.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) ai.lepton.benchmarks.tfjava.TfImageBench \
 *     [--models seed_cnn,small_xception] [--threads 2] [--batches 10] [--warmup-batches 5] [--seed 0]
 * </pre>
 */
public final class TfImageBench {
    private static final int BATCH = 32;

    private TfImageBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --models seed_cnn,small_xception}, {@code --threads N} (intra-op; default 2),
     *             {@code --batches N} (default 10), {@code --warmup-batches N} (default 5), {@code --seed N}
     */
    public static void main(String[] args) {
        String models = "seed_cnn,small_xception";
        int threads = 2;
        int batches = 10;
        int warmup = 5;
        long seed = 0;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("TfImageBench: option " + args[args.length - 1] + " has no value");
        }
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--models" -> models = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--warmup-batches" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("TfImageBench: unknown option " + args[i]
                        + "; expected --models, --threads, --batches, --warmup-batches or --seed");
            }
        }
        if (batches < 1 || warmup < 0) {
            throw new IllegalArgumentException("TfImageBench: --batches must be at least 1 and --warmup-batches"
                    + " at least 0, got " + batches + " and " + warmup);
        }
        for (String name : models.split(",")) {
            System.out.println(run(name, threads, batches, warmup, seed));
        }
    }

    private static String run(String name, int threads, int batches, int warmup, long seed) {
        float scale = name.equals("small_xception") ? 255 : 1;
        SplittableRandom random = new SplittableRandom(seed + 1);
        try (TfImageModel model = new TfImageModel(name, seed, threads)) {
            float[][] images = new float[warmup + batches][];
            float[][] labels = new float[warmup + batches][];
            for (int b = 0; b < images.length; b++) {
                images[b] = new float[BATCH * TfImageModel.PIXELS];
                for (int i = 0; i < images[b].length; i++) {
                    images[b][i] = (float) random.nextDouble() * scale;
                }
                labels[b] = new float[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    labels[b][i] = random.nextDouble() < 0.5 ? 0 : 1;
                }
            }
            for (int b = 0; b < warmup; b++) {
                model.train(images[b], labels[b], BATCH);
            }
            double loss = 0;
            long start = System.nanoTime();
            for (int b = warmup; b < warmup + batches; b++) {
                loss += model.train(images[b], labels[b], BATCH);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> fields = new ArrayList<>();
            fields.add(field("framework", "\"tfjava\""));
            fields.add(field("dtype", "\"float32\""));
            fields.add(field("model", "\"" + name + "\""));
            fields.add(field("images_per_s", batches * BATCH / seconds));
            fields.add(field("batch_ms", 1000 * seconds / batches));
            fields.add(field("loss", loss / batches));
            fields.add(field("threads", threads));
            fields.add(field("batches", batches));
            return "{" + String.join(", ", fields) + "}";
        }
    }

    private static String field(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        return "\"" + key + "\": " + v;
    }
}
