package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Mini-batches over a {@link Dataset} in memory or over image files decoded per batch, in order
 * or shuffled with a seed; each iteration is one epoch. A pipeline, as {@code tf.data}'s:
 * {@link #map} per batch or {@link #mapExamples per example} (seeded), {@link #prefetch(int)}
 * on background threads, {@link #cache()}, {@link #take(int)} and {@link #skip(int)} batches.
 *
 * <p>Without {@link #shuffle(long)}, batches come in sample order and the last one may be short
 * (unless {@link #dropLast(boolean)}). With it, epoch {@code e} visits the samples in the order
 * {@link Shuffle#order Shuffle.order(n, seed, e)}, which depends on the seed and the epoch alone:
 * {@link #epoch(int)} gives any epoch's batches directly (training resumed at epoch {@code e} sees
 * exactly the batches an uninterrupted run would), and each plain iteration ({@link #iterator()})
 * is the next epoch. The settings methods change this loader and return it; a loader is not meant
 * to be shared between threads.
 *
 * <p>Whatever order the settings are called in, an epoch runs them in one order: the epoch's
 * sample order; the batches kept by {@code skip} and {@code take}; for each batch, the examples
 * read from the source (from the cache after their first epoch), then the maps, per example or
 * per batch, in the order they were added. With {@code prefetch(n)}, up to {@code n} batches are
 * made ahead on background threads, in order, so the numbers are the same as without.
 *
 * <pre>{@code
 * DataLoader train = DataLoader.csv(Path.of("data/digits.csv"), CsvOptions.create().labelLast())
 *         .batchSize(64).shuffle(42);
 * for (Batch b : train) {
 *     Tensor x = b.x();   // (64, 64)
 *     Tensor y = b.y();   // (64,) class indices
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    /** Keras's default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The shuffle buffer of a streamed CSV, {@code tf.data.experimental.make_csv_dataset}'s default. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 10_000;

    /** Decodes and maps prefetched batches; daemon threads, so an abandoned epoch never keeps a JVM alive. */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "lepton-data");
                t.setDaemon(true);
                return t;
            });

    private Source source;
    private int batchSize;
    private boolean dropLast;
    private Long seed;
    private Tensor sampleWeight;
    private int nextEpoch;
    private int prefetch;
    private int shuffleBuffer = DEFAULT_SHUFFLE_BUFFER;
    private int skip;
    private int take = -1;
    /** Per-example maps (applied first) and batch maps, in the order they were added. */
    private final List<Stage> stages = new ArrayList<>();

    private record Stage(boolean perExample, BiFunction<Batch, SplittableRandom, Batch> function, long seed) {
    }

    private DataLoader(Source source, int batchSize) {
        this.source = source;
        batchSize(batchSize);
    }

    /**
     * A loader over a dataset, in order, keeping a short last batch.
     *
     * @param data the samples
     * @param batchSize the samples per batch, at least 1
     * @return a new loader
     * @throws IllegalArgumentException if the batch size is less than 1
     */
    public static DataLoader of(Dataset data, int batchSize) {
        return new DataLoader(new Source.InMemory(data), batchSize);
    }

    /**
     * A loader over a numeric CSV whose first column is the class label, with a header if one is
     * detected; batches of {@value #DEFAULT_BATCH_SIZE}. See {@link Csv#read(Path)}.
     *
     * @param file the CSV file
     * @return a new loader
     * @throws DataFormatException if the file is missing or malformed
     */
    public static DataLoader csv(Path file) {
        return csv(file, CsvOptions.create());
    }

    /**
     * A loader over a CSV read with options; batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * <pre>{@code
     * DataLoader mnist = DataLoader.csv(Path.of("mnist.csv"),
     *         CsvOptions.create().divideBy(255).reshape(28, 28, 1));   // x (n, 28, 28, 1)
     * }</pre>
     *
     * @param file the CSV file
     * @param options label column, header, delimiter, scaling, reshape, one-hot, ...
     * @return a new loader
     * @throws DataFormatException if the file is missing or malformed
     */
    public static DataLoader csv(Path file, CsvOptions options) {
        return of(Csv.read(file, options), DEFAULT_BATCH_SIZE);
    }

    /**
     * Streams a CSV file larger than memory: one pass over the file per epoch, holding only a
     * batch (or the shuffle buffer) at a time, with the options and checks of
     * {@link Csv#read(Path, CsvOptions)}. With {@link #shuffle(long)}, rows are shuffled within a
     * buffer of {@link #shuffleBuffer(int)} rows, as {@code tf.data}'s {@code shuffle(buffer)};
     * the next batch is read on a background thread while the current one trains. A first pass
     * counts the rows and checks them all.
     *
     * <pre>{@code
     * DataLoader big = DataLoader.csvStream(Path.of("big.csv"), CsvOptions.create().labelLast())
     *         .batchSize(256).shuffle(42).shuffleBuffer(50_000);
     * }</pre>
     *
     * @param file the CSV file
     * @param options label column, header, delimiter, scaling, reshape, one-hot, ... (not modified)
     * @return a new loader, batches of {@value #DEFAULT_BATCH_SIZE}
     * @throws DataFormatException if the file is missing, empty or malformed, naming the line and column
     */
    public static DataLoader csvStream(Path file, CsvOptions options) {
        return new DataLoader(new CsvStream(file, options), DEFAULT_BATCH_SIZE).prefetch(1);
    }

    /**
     * Streams a folder with one sub-folder of images per class, as RGB in {@code [0, 1]}, shuffled
     * each epoch, in batches of {@value #DEFAULT_BATCH_SIZE}; see {@link #images(Path, ImageOptions)}.
     *
     * @param dir the folder of class folders
     * @return a new loader
     * @throws DataFormatException if a folder is missing or a class folder has no images
     */
    public static DataLoader images(Path dir) {
        return images(dir, ImageOptions.create());
    }

    /**
     * Streams a folder of class folders as Keras's {@code image_dataset_from_directory}: the files
     * are listed now, and each batch's images are decoded when it is needed, on background threads
     * two batches ahead ({@link #prefetch(int)}), so memory does not grow with the number of images.
     * The options give the batch size, the shuffling (each epoch, with the options' seed or 0), the
     * size, color and label modes and the validation subset; {@link #classNames()} names the classes.
     * {@link #cache()} keeps the decoded images for later epochs; {@link #dataset()} reads them all
     * into memory, as {@link ImageFolder#read(Path, ImageOptions)} does.
     *
     * <pre>{@code
     * ImageOptions options = ImageOptions.create().imageSize(180, 180).batchSize(64)
     *         .validationSplit(0.2).seed(1337);
     * DataLoader train = DataLoader.images(Path.of("PetImages"), options.subset("training"));
     * DataLoader val = DataLoader.images(Path.of("PetImages"), options.subset("validation"));
     * train.classNames();   // [Cat, Dog]
     * }</pre>
     *
     * @param dir the folder of class folders
     * @param options image size, color and label modes, interpolation, split, shuffle, batch size (copied)
     * @return a new loader
     * @throws DataFormatException if a folder is missing, a class folder has no images, or the
     *     first image cannot be read when no image size is set; a bad image later fails its batch,
     *     naming the file
     * @throws IllegalArgumentException if a batch would not fit in a Java array, or a split lacks its subset or seed
     */
    public static DataLoader images(Path dir, ImageOptions options) {
        DataLoader loader = new DataLoader(ImageFiles.of(dir, options, options.batchSize()), options.batchSize());
        if (options.shuffle()) {
            loader.shuffle(options.seed() == null ? 0 : options.seed());
        }
        return loader.prefetch(2);
    }

    /**
     * A loader over IDX images and labels (MNIST, Fashion-MNIST; gzipped or not), pixels in
     * {@code [0, 1]}; batches of {@value #DEFAULT_BATCH_SIZE}. See {@link Idx#read(Path, Path)}.
     *
     * @param images the images file ({@code x (n, rows, cols, 1)})
     * @param labels the labels file ({@code y (n,)})
     * @return a new loader
     * @throws DataFormatException if a file is missing, malformed or the counts differ
     */
    public static DataLoader idx(Path images, Path labels) {
        return of(Idx.read(images, labels), DEFAULT_BATCH_SIZE);
    }

    /**
     * Sets the number of samples per batch.
     *
     * @param size at least 1
     * @return this loader
     * @throws IllegalArgumentException if the size is less than 1
     */
    public DataLoader batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("DataLoader: batchSize must be at least 1. Received: batchSize=" + size);
        }
        this.batchSize = size;
        return this;
    }

    /**
     * Shuffles the samples anew at the start of every epoch, in the order
     * {@code Shuffle.order(n, seed, epoch)}.
     *
     * @param value the seed; the same seed gives the same sequence of epoch orders
     * @return this loader
     */
    public DataLoader shuffle(long value) {
        this.seed = value;
        return this;
    }

    /** @return whether the loader shuffles each epoch */
    public boolean shuffles() {
        return seed != null;
    }

    /**
     * Gives each sample a weight, carried by its batch as {@link Batch#sampleWeight()}: in
     * {@code fit} and {@code evaluate} each sample's loss is multiplied by it, as Keras's batches
     * {@code (x, y, sample_weight)}.
     *
     * <pre>{@code
     * Tensor weights = Tensor.rand(3, data.size());   // one weight per sample
     * DataLoader train = DataLoader.of(data, 32).shuffle(42).sampleWeight(weights);
     * }</pre>
     *
     * @param weights one row per sample, {@code (n,)} (or {@code (n, steps)} for losses per time step),
     *        finite and not negative (not modified), or {@code null} for none
     * @return this loader
     * @throws IllegalArgumentException if the number of rows differs from the number of samples, or a
     *         weight is negative or not finite
     */
    public DataLoader sampleWeight(Tensor weights) {
        if (weights != null && source.sequential()) {
            throw new IllegalArgumentException("DataLoader: a streamed CSV is read in file order, so sample weights cannot "
                    + "follow its rows; read the file into memory (DataLoader.csv) to weigh them");
        }
        this.sampleWeight = weights == null ? null : SampleWeights.check("DataLoader", weights, size());
        return this;
    }

    /** @return the samples' weights, or {@code null} when the batches carry none */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /**
     * Whether to leave out a last batch that would be shorter than the batch size.
     *
     * @param drop true to drop it
     * @return this loader
     */
    public DataLoader dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /**
     * @return the samples per batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @return the number of batches in one epoch, after {@link #skip(int)} and {@link #take(int)}
     */
    public int numBatches() {
        int all = allBatches();
        int kept = Math.max(0, all - skip);
        return take < 0 ? kept : Math.min(kept, take);
    }

    private int allBatches() {
        int n = source.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * @return the number of samples one epoch visits: all of them (including any dropped from a
     *     short last batch), or those of the batches kept by {@link #skip(int)} and {@link #take(int)}
     */
    public int size() {
        int n = source.size();
        if (skip == 0 && take < 0) {
            return n;
        }
        int batches = numBatches();
        return batches == 0 ? 0 : Math.min(n, (skip + batches) * batchSize) - skip * batchSize;
    }

    /**
     * The examples in memory: the dataset this loader batches, or, for a streaming loader, every
     * image read now (compactly, as float32).
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return source.dataset();
    }

    /** @return whether the examples are in memory (false for a loader that decodes files per batch) */
    public boolean inMemory() {
        return source.inMemory();
    }

    /**
     * The names of the classes: the class folders of images, or those learned from a CSV file's
     * labels; pass them to the loader of a test file so that it numbers the classes the same way,
     * even if it lacks some of them:
     * <pre>{@code
     * DataLoader train = DataLoader.csv(Path.of("train.csv"), CsvOptions.create().labelColumn("species"));
     * DataLoader test = DataLoader.csv(Path.of("test.csv"),
     *         CsvOptions.create().labelColumn("species").classNames(train.classNames()));
     * }</pre>
     *
     * @return the name of class {@code i} at index {@code i}; empty if the labels are class indices
     */
    public List<String> classNames() {
        if (source instanceof ImageFiles files) {
            return files.classNames();
        }
        return source instanceof CsvStream stream ? stream.classNames() : source.dataset().classNames();
    }

    /**
     * Transforms every batch, as {@code tf.data}'s {@code map} after {@code batch}.
     *
     * <pre>{@code
     * loader.map(b -> new Batch(b.x().mul(2).sub(1), b.y()));   // [0, 1] to [-1, 1]
     * }</pre>
     *
     * @param function from a batch to a batch (run on a background thread when prefetching)
     * @return this loader
     */
    public DataLoader map(UnaryOperator<Batch> function) {
        stages.add(new Stage(false, (b, r) -> function.apply(b), 0));
        return this;
    }

    /**
     * Transforms every batch with randomness: the generator of batch {@code b} of epoch {@code e}
     * is seeded from {@code (seed, e, b)} alone, so runs repeat exactly.
     *
     * @param function from a batch and its generator to a batch
     * @param seed the seed of the generators
     * @return this loader
     */
    public DataLoader map(BiFunction<Batch, SplittableRandom, Batch> function, long seed) {
        stages.add(new Stage(false, function, seed));
        return this;
    }

    /**
     * Transforms every example on its own (a batch of one), as {@code tf.data}'s {@code map}
     * before {@code batch}; the results are stacked back into the batch, so each must keep the
     * example's shapes. The generator of example {@code i} in epoch {@code e} is seeded from
     * {@code (seed, e, i)} alone, whatever the batch size or order.
     *
     * <pre>{@code
     * loader.mapExamples((example, random) -> random.nextBoolean()
     *         ? new Batch(flipLeftRight(example.x()), example.y()) : example, 42);
     * }</pre>
     *
     * @param function from an example {@code (1, ...)} and its generator to an example
     * @param seed the seed of the generators
     * @return this loader
     */
    public DataLoader mapExamples(BiFunction<Batch, SplittableRandom, Batch> function, long seed) {
        stages.add(new Stage(true, function, seed));
        return this;
    }

    /**
     * Makes up to {@code n} batches ahead on background threads while the model trains on the
     * current one, as {@code tf.data}'s {@code prefetch}; 0 makes each batch when asked.
     *
     * @param n the batches in flight, at least 0
     * @return this loader
     * @throws IllegalArgumentException if negative
     */
    public DataLoader prefetch(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("DataLoader.prefetch: n must be at least 0. Received: " + n);
        }
        this.prefetch = n;
        return this;
    }

    /**
     * Keeps each decoded example (as float32) the first time it is read, so later epochs do not
     * decode files again, as {@code tf.data}'s {@code cache()} in memory; maps still run every
     * epoch, and the order still changes. A loader over a dataset in memory is unchanged.
     *
     * @return this loader
     */
    public DataLoader cache() {
        this.source = source.cached();
        return this;
    }

    /**
     * The rows a streamed CSV ({@link #csvStream(Path, CsvOptions)}) shuffles among; more rows mix
     * the order better and hold more memory. Loaders over a dataset or images shuffle every example.
     *
     * @param rows at least 1; the default is {@value #DEFAULT_SHUFFLE_BUFFER}
     * @return this loader
     * @throws IllegalArgumentException if below 1
     */
    public DataLoader shuffleBuffer(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("DataLoader.shuffleBuffer must be at least 1. Received: " + rows);
        }
        this.shuffleBuffer = rows;
        return this;
    }

    /**
     * Leaves out the first {@code n} batches of each epoch, as {@code tf.data}'s {@code skip}.
     *
     * @param n the batches to skip, at least 0
     * @return this loader
     * @throws IllegalArgumentException if negative
     */
    public DataLoader skip(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("DataLoader.skip: n must be at least 0. Received: " + n);
        }
        this.skip = n;
        return this;
    }

    /**
     * Keeps at most {@code n} batches of each epoch (after {@link #skip(int)}), as {@code tf.data}'s
     * {@code take}: e.g. a quick run on a few batches.
     *
     * @param n the batches to keep, at least 0
     * @return this loader
     * @throws IllegalArgumentException if negative
     */
    public DataLoader take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("DataLoader.take: n must be at least 0. Received: " + n);
        }
        this.take = n;
        return this;
    }

    /**
     * The next epoch of batches: the first call gives epoch 0, the next epoch 1, and so on.
     *
     * @return an iterator over {@link #numBatches()} batches
     */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++);
    }

    /**
     * The batches of one epoch, in that epoch's order (see {@link Shuffle#order}).
     *
     * @param epoch the 0-based epoch, not negative
     * @return an iterator over {@link #numBatches()} batches
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public Iterator<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader.epoch: the epoch must not be negative. Received: " + epoch);
        }
        if (source.sequential()) {
            return streamEpoch((CsvStream) source, epoch);
        }
        int n = source.size();
        int[] order = seed == null ? Shuffle.identity(n) : Shuffle.order(n, seed, epoch);
        int batches = numBatches();
        int first = skip;
        int size = batchSize;
        Source from = source;
        List<Stage> maps = List.copyOf(stages);
        int ahead = prefetch;
        Tensor weights = sampleWeight;
        return new Iterator<>() {
            private int next;
            private int submitted;
            private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: all " + batches + " batches of this epoch were read");
                }
                int position = next++;
                if (ahead == 0) {
                    return make(position);
                }
                while (submitted < batches && inFlight.size() <= ahead) {
                    int p = submitted++;
                    inFlight.add(WORKERS.submit(() -> make(p)));
                }
                return await(inFlight.poll());
            }

            private Batch make(int position) {
                int start = (first + position) * size;
                int[] idx = Arrays.copyOfRange(order, start, Math.min(start + size, n));
                Batch batch = apply(maps, new Batch(from.inputs(idx), from.targets(idx)), idx, epoch, first + position);
                return weights == null ? batch : batch.withSampleWeight(Dataset.rows(weights, idx));
            }
        };
    }

    /** An epoch of a source read in order: its batches made one ahead on a background thread if prefetching. */
    private Iterator<Batch> streamEpoch(CsvStream stream, int epoch) {
        int batches = numBatches();
        int first = skip;
        int size = batchSize;
        List<Stage> maps = List.copyOf(stages);
        Iterator<Batch> raw = stream.batches(epoch, seed, shuffleBuffer, batchSize, first + batches);
        for (int i = 0; i < first; i++) {
            raw.next();
        }
        boolean ahead = prefetch > 0;
        return new Iterator<>() {
            private int next;
            private Future<Batch> pending;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: all " + batches + " batches of this epoch were read");
                }
                int position = next++;
                Batch b = pending != null ? await(pending) : make(position);
                pending = ahead && next < batches ? WORKERS.submit(() -> make(position + 1)) : null;
                return b;
            }

            private Batch make(int position) {
                Batch b = raw.next();
                int[] idx = new int[b.size()];
                Arrays.setAll(idx, i -> (first + position) * size + i);
                return apply(maps, b, idx, epoch, first + position);
            }
        };
    }

    private static Batch await(Future<Batch> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("DataLoader: interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("DataLoader: a batch failed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs the maps on one batch: example maps on each example in turn, then batch maps, in the order added. */
    private static Batch apply(List<Stage> maps, Batch batch, int[] indices, int epoch, int position) {
        Batch b = batch;
        for (Stage stage : maps) {
            if (stage.perExample()) {
                List<Batch> examples = new ArrayList<>(indices.length);
                for (int i = 0; i < indices.length; i++) {
                    int[] one = {i};
                    Batch example = new Batch(b.xs().stream().map(t -> Dataset.rows(t, one)).toList(),
                            b.ys().stream().map(t -> Dataset.rows(t, one)).toList());
                    examples.add(stage.function().apply(example, random(stage.seed(), epoch, indices[i])));
                }
                b = stack(examples);
            } else {
                b = stage.function().apply(b, random(stage.seed(), epoch, position));
            }
        }
        return b;
    }

    /** Stacks examples {@code (1, ...)} back into one batch; each must keep the shapes of the first. */
    private static Batch stack(List<Batch> examples) {
        Batch first = examples.get(0);
        List<Tensor> xs = new ArrayList<>();
        List<Tensor> ys = new ArrayList<>();
        for (int i = 0; i < first.xs().size(); i++) {
            int k = i;
            xs.add(concat(examples.stream().map(e -> e.xs().get(k)).toList()));
        }
        for (int i = 0; i < first.ys().size(); i++) {
            int k = i;
            ys.add(concat(examples.stream().map(e -> e.ys().get(k)).toList()));
        }
        return new Batch(xs, ys);
    }

    private static Tensor concat(List<Tensor> rows) {
        int[] shape = Storage.shape(rows.get(0)).clone();
        int row = Storage.data(rows.get(0)).length;
        double[] out = new double[Math.multiplyExact(rows.size(), row)];
        for (int i = 0; i < rows.size(); i++) {
            int[] s = Storage.shape(rows.get(i));
            if (!Arrays.equals(s, shape)) {
                throw new IllegalStateException("DataLoader.mapExamples: example " + i + " of the batch came out "
                        + Shapes.format(s) + ", but the first " + Shapes.format(shape) + "; every example must keep one shape");
            }
            System.arraycopy(Storage.data(rows.get(i)), 0, out, i * row, row);
        }
        shape[0] = rows.size();
        return Storage.wrap(out, shape);
    }

    private static SplittableRandom random(long seed, int epoch, long index) {
        return new SplittableRandom(new SplittableRandom(new SplittableRandom(seed).nextLong() + epoch).nextLong() + index);
    }

    @Override
    public String toString() {
        return "DataLoader(" + (source.inMemory() ? source.dataset().toString()
                : (source.sequential() ? "CSV rows" : "images") + " of " + classNames())
                + ", batchSize " + batchSize + ", " + numBatches() + " batches"
                + (seed == null ? "" : ", shuffled") + (dropLast ? ", dropLast" : "")
                + (sampleWeight == null ? "" : ", weighted") + ")";
    }

}
