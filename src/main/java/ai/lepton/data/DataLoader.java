package ai.lepton.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over a {@link Dataset}, in order or shuffled with a seed; each iteration is one epoch.
 *
 * <p>Without {@link #shuffle(long)}, batches come in sample order and the last one may be short
 * (unless {@link #dropLast(boolean)}). With it, epoch {@code e} visits the samples in the order
 * {@link Shuffle#order Shuffle.order(n, seed, e)}, which depends on the seed and the epoch alone:
 * {@link #epoch(int)} gives any epoch's batches directly (training resumed at epoch {@code e} sees
 * exactly the batches an uninterrupted run would), and each plain iteration ({@link #iterator()})
 * is the next epoch. The settings methods change this loader and return it; a loader is not meant
 * to be shared between threads.
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

    private final Dataset dataset;
    private int batchSize;
    private boolean dropLast;
    private Long seed;
    private int nextEpoch;

    private DataLoader(Dataset dataset, int batchSize) {
        this.dataset = dataset;
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
        return new DataLoader(data, batchSize);
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
     * A loader over a folder with one sub-folder of images per class, as RGB in {@code [0, 1]};
     * batches of {@value #DEFAULT_BATCH_SIZE}. See {@link ImageFolder#read(Path, ImageOptions)}.
     *
     * @param dir the folder of class folders
     * @return a new loader
     * @throws DataFormatException if a folder or image is missing, unreadable or of another size
     */
    public static DataLoader images(Path dir) {
        return images(dir, ImageOptions.create());
    }

    /**
     * A loader over a folder of class folders read with options; batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * <pre>{@code
     * DataLoader pets = DataLoader.images(Path.of("pets"),
     *         ImageOptions.create().targetSize(64, 64).grayscale());   // x (n, 64, 64, 1)
     * }</pre>
     *
     * @param dir the folder of class folders
     * @param options target size, color mode, scaling
     * @return a new loader
     * @throws DataFormatException if a folder or image is missing, unreadable or of another size
     */
    public static DataLoader images(Path dir, ImageOptions options) {
        return of(ImageFolder.read(dir, options), DEFAULT_BATCH_SIZE);
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
     * @return the number of batches in one epoch
     */
    public int numBatches() {
        int n = size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * @return the number of samples in the dataset (including any dropped from a short last batch)
     */
    public int size() {
        return dataset.size();
    }

    /**
     * @return the dataset this loader batches
     */
    public Dataset dataset() {
        return dataset;
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
        int n = size();
        int[] order = seed == null ? Shuffle.identity(n) : Shuffle.order(n, seed, epoch);
        int batches = numBatches();
        int size = batchSize;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: all " + batches + " batches of this epoch were read");
                }
                int from = next * size;
                int[] idx = Arrays.copyOfRange(order, from, Math.min(from + size, n));
                next++;
                return new Batch(dataset.inputRows(idx), dataset.ys().stream().map(t -> Dataset.rows(t, idx)).toList());
            }
        };
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset + ", batchSize " + batchSize + ", " + numBatches() + " batches"
                + (seed == null ? "" : ", shuffled") + (dropLast ? ", dropLast" : "") + ")";
    }

}
