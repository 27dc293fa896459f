package ai.lepton.benchmarks;

import ai.lepton.Settings;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.ImageOptions;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Training throughput of the seed's CNN (64x64x3 inputs: Conv2D 32, pooling, Conv2D 64, pooling,
 * Dense 128, Dense 2 softmax; Adam, categorical cross-entropy, batch 32) from a folder of JPEGs
 * streamed by {@code DataLoader.images}, against the same training from tensors in memory.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -Xmx512m -cp benchmarks/target/benchmarks.jar \
 *     ai.lepton.benchmarks.StreamingImages [--images 20000] [--steps 30] [--warmup-steps 10] [--rounds 3] \
 *     [--threads 2] [--dir DIR]
 * </pre>
 *
 * <p>The folder ({@code benchmarks/target/streaming-images} unless given) gets {@code --images}
 * generated 64x64 JPEGs in two class folders the first time (stripes and blobs of random colours,
 * so decoding does real work). Each mode trains {@code --warmup-steps} untimed batches (the JIT),
 * then {@code --steps} timed ones: the streaming loader draws its batches shuffled from all the
 * images, decoding them on background threads; the in-memory run trains as many steps over 640
 * of the images as float64 tensors (all 20,000 would need 1.9 GB, more than the heap). It prints one
 * JSON line per mode and round (the modes alternate, so that the load of a shared machine
 * touches both alike), then the median of the rounds' ratios of images per second, with the
 * heap limit and the peak heap.
 */
public final class StreamingImages {
    private static final int SIDE = 64;
    private static final int BATCH = 32;

    private StreamingImages() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --images N}, {@code --steps N}, {@code --warmup-steps N}, {@code --rounds N},
     *             {@code --threads N}, {@code --dir DIR}
     * @throws IOException if the images cannot be written
     */
    public static void main(String[] args) throws IOException {
        int images = 20_000;
        int steps = 30;
        int warmup = 10;
        int threads = 2;
        int rounds = 3;
        Path dir = Path.of("benchmarks/target/streaming-images");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--warmup-steps" -> warmup = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Settings.setThreads(threads);
        generate(dir, images);
        ImageOptions options = ImageOptions.create().imageSize(SIDE, SIDE).labelMode("categorical").batchSize(BATCH).seed(1);

        DataLoader stream = DataLoader.images(dir, options);
        DataLoader memory = inMemory(dir, Math.min(steps, 20));
        double[] streaming = new double[rounds];
        double[] inMemory = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            streaming[r] = imagesPerSecond(stream, warmup, steps);
            inMemory[r] = imagesPerSecond(memory, warmup, steps);
            System.out.println(line("streaming", streaming[r], steps));
            System.out.println(line("in-memory", inMemory[r], steps));
        }
        double[] ratios = new double[rounds];
        Arrays.setAll(ratios, r -> streaming[r] / inMemory[r]);
        System.out.printf(Locale.ROOT, "{\"median_ratio\": %.3f, \"ratios\": %s, \"max_heap_mb\": %d, \"peak_heap_mb\": %d}%n",
                median(ratios), Arrays.toString(ratios), Runtime.getRuntime().maxMemory() >> 20, peakHeap() >> 20);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The first {@code batches} batches of the folder as float64 tensors in memory, shuffled each
     * epoch: the in-memory run cycles over them, as many epochs as make the same number of steps
     * (more images would not fit the heap beside the tensors' copies).
     */
    private static DataLoader inMemory(Path dir, int batches) {
        DataLoader first = DataLoader.images(dir, ImageOptions.create().imageSize(SIDE, SIDE).labelMode("categorical")
                .batchSize(BATCH).shuffle(false)).take(batches);
        double[] x = new double[batches * BATCH * SIDE * SIDE * 3];
        double[] y = new double[batches * BATCH * 2];
        int at = 0;
        for (Batch b : first) {
            System.arraycopy(b.x().toArray(), 0, x, at * SIDE * SIDE * 3, b.size() * SIDE * SIDE * 3);
            System.arraycopy(b.y().toArray(), 0, y, at * 2, b.size() * 2);
            at += b.size();
        }
        return DataLoader.of(Dataset.of(Tensor.of(x, at, SIDE, SIDE, 3), Tensor.of(y, at, 2)), BATCH).shuffle(1);
    }

    /** Trains warm-up batches, then times {@code steps} batches of a fresh model (several epochs if the loader is shorter). */
    private static double imagesPerSecond(DataLoader loader, int warmup, int steps) {
        model().fit(loader.take(warmup), FitOptions.create().epochs(1).verbose(0));
        Sequential model = model();
        int perEpoch = loader.take(steps).numBatches();
        long start = System.nanoTime();
        model.fit(loader, FitOptions.create().epochs(steps / perEpoch).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        return steps / perEpoch * perEpoch * BATCH / seconds;
    }

    static Sequential model() {
        Sequential model = new Sequential(new Conv2D(32, 3, "relu").inputShape(SIDE, SIDE, 3), new MaxPooling2D(),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(), new Flatten(), new Dense(128, "relu"),
                new Dense(2, "softmax")).seed(42);
        model.compile(new Adam(), "categorical_crossentropy", "accuracy");
        return model;
    }

    /** Writes the JPEGs once: class {@code stripes} and class {@code blobs}, random colours. */
    private static void generate(Path dir, int images) throws IOException {
        Path done = dir.resolve(".complete-" + images);
        if (Files.exists(done)) {
            return;
        }
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(7);
        for (String c : List.of("blobs", "stripes")) {
            Files.createDirectories(dir.resolve(c));
        }
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < images; i++) {
            boolean stripes = i % 2 == 0;
            int a = random.nextInt(1 << 24);
            int b = random.nextInt(1 << 24);
            int cx = random.nextInt(SIDE);
            int cy = random.nextInt(SIDE);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = stripes ? (x + y + cx) / 6 % 2 == 0 : (x - cx) * (x - cx) + (y - cy) * (y - cy) < 300;
                    image.setRGB(x, y, (on ? a : b) ^ random.nextInt(16));
                }
            }
            ImageIO.write(image, "jpeg", dir.resolve(stripes ? "stripes" : "blobs").resolve(i + ".jpg").toFile());
        }
        Files.writeString(done, "");
        System.err.printf(Locale.ROOT, "wrote %d JPEGs in %.1f s%n", images, (System.nanoTime() - start) / 1e9);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String line(String mode, double imagesPerSecond, int steps) {
        return String.format(Locale.ROOT, "{\"mode\": \"%s\", \"images_per_s\": %.1f, \"steps\": %d, \"batch\": %d}", mode,
                imagesPerSecond, steps, BATCH);
    }
}
