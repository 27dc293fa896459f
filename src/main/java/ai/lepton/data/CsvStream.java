package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file read record by record, one pass per epoch, for files larger than memory: the rows
 * are parsed as {@link Csv#read(Path, CsvOptions)} parses them (same tokenizer, same options) but
 * only a batch, or a shuffle buffer, is held at a time. Shuffling is {@code tf.data}'s
 * {@code shuffle(buffer)}: the first {@code buffer} rows fill a buffer, and each following row
 * takes the place of a row drawn from it at random, so the order is random within a window of
 * {@code buffer} rows, seeded by the seed and the epoch.
 *
 * <p>A first pass when the loader is made counts the usable rows (so an epoch's number of batches
 * is known) and settles the class names, checking every row on the way.
 */
final class CsvStream implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(CsvStream.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;
    private final CsvOptions options;
    private final Csv csv;
    private final Csv.LabelCodes codes;
    /** The class index of each label code; null for regression. */
    private final double[] classOf;
    private final List<String> classNames;
    private final int rows;
    /** For a column of class indices: the largest index in the file, plus one. */
    private final int numericClasses;
    private final int[] sample;

    CsvStream(Path file, CsvOptions options) {
        this.file = file;
        this.options = options;
        this.csv = Csv.layout(file, options);
        this.codes = csv.labelCodes();
        this.sample = options.reshape().orElse(new int[] {csv.features()});
        if (Shapes.size(sample) != csv.features()) {
            throw new DataFormatException(file, "reshape to " + Shapes.format(sample) + " needs " + Shapes.size(sample)
                    + " feature columns, but the file has " + csv.features() + " (besides the label column)");
        }
        int n = 0;
        int dropped = 0;
        double largest = -1;
        double[] row = new double[csv.features()];
        try (CsvTokenizer t = csv.records()) {
            while (t.next()) {
                Double target = parse(t, row);
                if (target != null) {
                    n++;
                    largest = Math.max(largest, target);
                } else {
                    dropped++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
        if (n == 0) {
            throw new DataFormatException(file, "no usable rows" + (dropped > 0 ? ": all " + dropped + " rows were bad" : ""));
        }
        if (dropped > 0) {
            LOG.warn("{}: skips {} bad rows in every epoch", file, dropped);
        }
        this.rows = n;
        this.numericClasses = (int) largest + 1;
        if (options.isRegression()) {
            classOf = null;
            classNames = List.of();
        } else if (!options.classNames().isEmpty()) {
            classOf = null;
            classNames = options.classNames();
        } else {
            // The codes were numbered in order of first appearance; resolving 0, 1, ... gives each code's class.
            double[] mapping = new double[codes.size()];
            Arrays.setAll(mapping, i -> i);
            classNames = codes.resolve(mapping);
            classOf = classNames.isEmpty() ? null : mapping;   // a column of class indices keeps its numbers
        }
    }

    /** Parses the current record; null if it is bad and bad rows are skipped. */
    private Double parse(CsvTokenizer t, double[] row) {
        try {
            return csv.parse(t, row, codes);
        } catch (DataFormatException e) {
            if (options.isSkipBadRows()) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public int size() {
        return rows;
    }

    /**
     * The batches of one pass over the file.
     *
     * @param epoch the epoch, which seeds the shuffle with the seed
     * @param seed the shuffle seed, or null to keep the file's order
     * @param buffer the shuffle buffer, in rows
     * @param batchSize the rows per batch
     * @param batches the number of batches to make (after which the file is closed)
     * @return the batches, in order
     */
    Iterator<Batch> batches(int epoch, Long seed, int buffer, int batchSize, int batches) {
        int features = csv.features();
        CsvTokenizer t = csv.records();
        SplittableRandom random = seed == null ? null : new SplittableRandom(new SplittableRandom(seed + epoch).nextLong());
        Iterator<Batch> epochBatches = new Iterator<>() {
            private final List<double[]> window = new ArrayList<>();
            private boolean fileDone;
            private int made;

            @Override
            public boolean hasNext() {
                return made < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("CsvStream: all " + batches + " batches of this epoch were read");
                }
                double[] x = new double[batchSize * features];
                double[] y = new double[batchSize];
                int n = 0;
                while (n < batchSize) {
                    double[] record = nextRecord();
                    if (record == null) {
                        break;
                    }
                    System.arraycopy(record, 0, x, n * features, features);
                    y[n++] = record[features];
                }
                made++;
                if (made == batches) {
                    close();
                }
                return batch(x, y, n);
            }

            /** The next row (features then target) in the epoch's order, or null at the end. */
            private double[] nextRecord() {
                int wanted = random == null ? 1 : buffer;
                while (!fileDone && window.size() < wanted) {
                    double[] r = read();
                    if (r == null) {
                        fileDone = true;
                    } else {
                        window.add(r);
                    }
                }
                if (window.isEmpty()) {
                    return null;
                }
                int pick = random == null ? 0 : random.nextInt(window.size());
                double[] chosen = window.get(pick);
                window.set(pick, window.get(window.size() - 1));
                window.remove(window.size() - 1);
                return chosen;
            }

            private double[] read() {
                double[] r = new double[features + 1];
                while (t.next()) {
                    Double target = parse(t, r);
                    if (target != null) {
                        r[features] = classOf == null ? target : classOf[(int) (double) target];
                        return r;
                    }
                }
                return null;
            }

            private void close() {
                try {
                    t.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close " + file, e);
                }
            }
        };
        // An epoch left unfinished (such as the one batch a trainer samples to build the model)
        // closes its file when it is collected.
        CLEANER.register(epochBatches, () -> closeQuietly(t));
        return epochBatches;
    }

    private static void closeQuietly(CsvTokenizer t) {
        try {
            t.close();
        } catch (IOException e) {
            LOG.debug("Cannot close a CSV stream: {}", e.getMessage());
        }
    }

    private Batch batch(double[] x, double[] y, int n) {
        double[] xs = n == y.length ? x : Arrays.copyOf(x, n * csv.features());
        double[] ys = n == y.length ? y : Arrays.copyOf(y, n);
        if (options.divisor() != 1) {
            for (int i = 0; i < xs.length; i++) {
                xs[i] /= options.divisor();
            }
        }
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        Tensor target = options.isRegression() ? Storage.wrap(ys, n, 1) : Storage.wrap(ys, n);
        if (options.isOneHot()) {
            target = Labels.toCategorical(target, classNames.isEmpty() ? numericClasses : classNames.size());
        }
        return new Batch(Storage.wrap(xs, shape), target);
    }

    @Override
    public List<Tensor> inputs(int[] indices) {
        throw new IllegalStateException("CsvStream reads its rows in file order; it has no random access");
    }

    @Override
    public List<Tensor> targets(int[] indices) {
        throw new IllegalStateException("CsvStream reads its rows in file order; it has no random access");
    }

    @Override
    public Dataset dataset() {
        return Csv.read(file, options);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public boolean sequential() {
        return true;
    }

    @Override
    public Source cached() {
        return new Source.InMemory(dataset());
    }

    /** @return the class names (empty for numeric labels or regression) */
    List<String> classNames() {
        return classNames;
    }
}
