package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Inputs {@code x} and targets {@code y} for the same {@code n} samples, with the class names when
 * the labels came from words or folders. A model with several inputs or outputs takes a dataset of
 * several input and target tensors ({@link #of(List, List)}), in the model's order.
 *
 * <p>{@code x} is {@code (n, ...)}: {@code (n, features)} from a CSV, {@code (n, h, w, c)} for
 * images. {@code y} is {@code (n,)} class indices (as doubles), {@code (n, numClasses)} one-hot
 * rows, or {@code (n, 1)} real-valued regression targets. A dataset is immutable: every method
 * that selects or transforms returns a new one.
 *
 * <pre>{@code
 * Dataset data = Csv.read(Path.of("iris.csv"), CsvOptions.create().labelLast());
 * Split split = data.splitStratified(0.2, 42);
 * DataLoader train = DataLoader.of(split.train(), 16).shuffle(42);
 * }</pre>
 */
public final class Dataset {
    private final List<Column> xs;
    private final List<Tensor> ys;
    private final List<String> classNames;

    private Dataset(List<Column> xs, List<Tensor> ys, List<String> classNames) {
        this.xs = List.copyOf(xs);
        this.ys = List.copyOf(ys);
        this.classNames = List.copyOf(classNames);
    }

    /**
     * A dataset from inputs and targets with no class names.
     *
     * @param x the inputs, {@code (n, ...)} (kept, not copied: tensors cannot be changed by callers)
     * @param y the targets, {@code (n, ...)}
     * @return a new dataset
     * @throws IllegalArgumentException if either is a scalar or their first dimensions differ
     */
    public static Dataset of(Tensor x, Tensor y) {
        return of(x, y, List.of());
    }

    /**
     * A dataset from inputs, targets and the names of the classes.
     *
     * @param x the inputs, {@code (n, ...)}
     * @param y the targets, {@code (n, ...)}
     * @param classNames the name of class {@code i} at index {@code i}; empty if the classes have none
     * @return a new dataset
     * @throws IllegalArgumentException if either tensor is a scalar or their first dimensions differ
     */
    public static Dataset of(Tensor x, Tensor y, List<String> classNames) {
        return of(List.of(x), List.of(y), classNames);
    }

    /**
     * A dataset for a model with several inputs or outputs: one tensor per input and per output,
     * all holding the same samples along their first axis.
     *
     * <pre>{@code
     * Tensor left = Tensor.randn(1, 8, 3);
 * Tensor right = Tensor.randn(2, 8, 5);
 * Tensor labels = Tensor.zeros(8);
 * Dataset pairs = Dataset.of(List.of(left, right), List.of(labels));   // for a two-input model
     * }</pre>
     *
     * @param xs the inputs, each {@code (n, ...)}, at least one
     * @param ys the targets, each {@code (n, ...)} (none for a dataset used only to predict)
     * @return a new dataset
     * @throws IllegalArgumentException if a tensor is a scalar or the first dimensions differ
     */
    public static Dataset of(List<Tensor> xs, List<Tensor> ys) {
        return of(xs, ys, List.of());
    }

    /**
     * @param xs the inputs, each {@code (n, ...)}, at least one
     * @param ys the targets, each {@code (n, ...)}
     * @param classNames the name of class {@code i} at index {@code i}; empty if the classes have none
     * @return a new dataset
     * @throws IllegalArgumentException if a tensor is a scalar or the first dimensions differ
     */
    public static Dataset of(List<Tensor> xs, List<Tensor> ys, List<String> classNames) {
        return ofColumns(xs.stream().<Column>map(Column.Doubles::new).toList(), ys, classNames);
    }

    /**
     * Images kept as bytes (an eighth of the memory of float64), each value read as
     * {@code value / divisor} when a batch is made.
     *
     * @param pixels the unsigned bytes, row-major {@code (n, ...)} (kept, not copied)
     * @param shape {@code (n, ...)}
     * @param divisor e.g. 255 for values in {@code [0, 1]}
     * @param y the targets, {@code (n, ...)}
     * @param classNames the class names, or empty
     */
    static Dataset ofBytes(byte[] pixels, int[] shape, double divisor, Tensor y, List<String> classNames) {
        if (Shapes.size(shape) != pixels.length) {
            throw new IllegalArgumentException("Dataset: " + pixels.length + " bytes do not fill the shape "
                    + Shapes.format(shape));
        }
        return ofColumns(List.of(new Column.Bytes(pixels, shape.clone(), divisor)), List.of(y), classNames);
    }

    /**
     * Inputs kept as float32, each read as {@code value / divisor} one batch at a time.
     *
     * @param values row-major {@code (n, ...)} (kept, not copied)
     * @param shape {@code (n, ...)}
     * @param divisor e.g. 255 for pixels {@code 0..255}, 1 for values kept as they are
     * @param y the targets, {@code (n, ...)}
     * @param classNames the class names, or empty
     */
    static Dataset ofFloats(float[] values, int[] shape, double divisor, Tensor y, List<String> classNames) {
        if (Shapes.size(shape) != values.length) {
            throw new IllegalArgumentException("Dataset: " + values.length + " floats do not fill the shape "
                    + Shapes.format(shape));
        }
        return ofColumns(List.of(new Column.Floats(values, shape.clone(), divisor)), List.of(y), classNames);
    }

    private static Dataset ofColumns(List<Column> xs, List<Tensor> ys, List<String> classNames) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("Dataset: at least one input tensor is needed");
        }
        int n = -1;
        StringBuilder shapes = new StringBuilder();
        boolean ok = true;
        List<int[]> all = new ArrayList<>();
        xs.forEach(c -> all.add(c.shape()));
        ys.forEach(t -> all.add(Storage.shape(t)));
        for (int i = 0; i < all.size(); i++) {
            int[] s = all.get(i);
            shapes.append(shapes.length() == 0 ? "" : ", ").append(i < xs.size() ? "x " : "y ").append(Shapes.format(s));
            ok &= s.length > 0 && (n < 0 || s[0] == n);
            n = s.length > 0 && n < 0 ? s[0] : n;
        }
        if (!ok) {
            throw new IllegalArgumentException("Dataset: x and y must have the same number of samples (first "
                    + "dimension). Received: " + shapes);
        }
        return new Dataset(xs, ys, classNames);
    }

    /**
     * The inputs as one float64 tensor. A dataset read from images or IDX files keeps its pixels
     * as bytes and makes this tensor anew at each call (eight times the memory); loaders convert
     * one batch at a time instead.
     *
     * @return the inputs, {@code (n, ...)}
     * @throws IllegalStateException if the dataset has several inputs (use {@link #xs()})
     */
    public Tensor x() {
        if (xs.size() != 1) {
            throw new IllegalStateException("Dataset.x(): the dataset has " + xs.size() + " inputs; use xs()");
        }
        return xs.get(0).all();
    }

    /**
     * @return the targets, {@code (n,)}, {@code (n, numClasses)} or {@code (n, 1)}
     * @throws IllegalStateException if the dataset has no target or several (use {@link #ys()})
     */
    public Tensor y() {
        if (ys.size() != 1) {
            throw new IllegalStateException("Dataset.y(): the dataset has " + ys.size() + " targets; use ys()");
        }
        return ys.get(0);
    }

    /** @return every input tensor, in order, as float64 (see {@link #x()}) */
    public List<Tensor> xs() {
        return xs.stream().map(Column::all).toList();
    }

    /**
     * The shape of each input, without making float64 copies of compact inputs.
     *
     * @return one new {@code (n, ...)} array per input, in order
     */
    public List<int[]> inputShapes() {
        return xs.stream().map(Column::shape).toList();
    }

    /**
     * The inputs of some samples as float64 tensors, converted from compact storage: how a batch is made.
     *
     * @param indices sample indices in {@code [0, size())} (not modified)
     * @return one {@code (indices.length, ...)} tensor per input
     */
    List<Tensor> inputRows(int[] indices) {
        return xs.stream().map(c -> c.rows(indices)).toList();
    }

    /** @return the bytes the inputs take in memory */
    long inputBytes() {
        return xs.stream().mapToLong(Column::bytes).sum();
    }

    /** @return every target tensor, in order */
    public List<Tensor> ys() {
        return ys;
    }

    /**
     * @return the number of samples {@code n}
     */
    public int size() {
        return xs.get(0).shape()[0];
    }

    /**
     * The shape of one input, without the sample dimension: what a first layer's
     * {@code inputShape(...)} needs.
     *
     * @return a new array, e.g. {@code {28, 28, 1}}
     */
    public int[] sampleShape() {
        if (xs.size() != 1) {
            throw new IllegalStateException("Dataset.sampleShape(): the dataset has " + xs.size() + " inputs; use inputShapes()");
        }
        int[] s = xs.get(0).shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * @return the name of class {@code i} at index {@code i} when labels were words or folders; else empty
     */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the same samples with other class names */
    Dataset withClassNames(List<String> names) {
        return new Dataset(xs, ys, names);
    }

    /**
     * The number of classes: the number of class names if there are any, the width of one-hot
     * labels, or the largest class index plus one.
     *
     * @return the number of classes
     * @throws IllegalStateException if the targets are regression values {@code (n, 1)} or not whole numbers
     */
    public int numClasses() {
        if (!classNames.isEmpty()) {
            return classNames.size();
        }
        int[] shape = Storage.shape(y());
        if (shape.length == 2 && shape[1] > 1) {
            return shape[1];
        }
        if (shape.length != 1) {
            throw new IllegalStateException("numClasses: targets of shape " + Shapes.format(shape)
                    + " are not class labels");
        }
        try {
            return Arrays.stream(Labels.classIndices(y())).max().orElse(-1) + 1;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("numClasses: " + e.getMessage(), e);
        }
    }

    /**
     * The same samples with one-hot labels {@code (n, numClasses())}, as Keras's
     * {@code to_categorical}; for {@code categorical_crossentropy}.
     *
     * @return a new dataset sharing {@code x}
     * @throws IllegalStateException if the labels are not class indices
     */
    public Dataset toCategorical() {
        int[] shape = Storage.shape(y());
        if (shape.length != 1) {
            throw new IllegalStateException("toCategorical: labels must be class indices (n,). Received: "
                    + Shapes.format(shape));
        }
        return new Dataset(xs, List.of(Labels.toCategorical(y(), numClasses())), classNames);
    }

    /**
     * The contiguous samples {@code from .. to-1}, in order; e.g. the last 20% for Keras's
     * {@code validation_split}: {@code take((int) (n * 0.8), n)}.
     *
     * @param from the first sample, inclusive
     * @param to the end, exclusive
     * @return a new dataset with {@code to - from} samples
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
     */
    public Dataset take(int from, int to) {
        if (from < 0 || from > to || to > size()) {
            throw new IndexOutOfBoundsException("take: range [" + from + ", " + to + ") is not within [0, "
                    + size() + "]");
        }
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return select(idx);
    }

    /**
     * The samples at the given indices, in the given order (repeats allowed).
     *
     * @param indices sample indices in {@code [0, size())} (not modified)
     * @return a new dataset with {@code indices.length} samples
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Dataset select(int... indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("select: index " + i + " is outside [0, " + size() + ")");
            }
        }
        return new Dataset(xs.stream().map(c -> c.select(indices)).toList(), ys.stream().map(t -> rows(t, indices)).toList(),
                classNames);
    }

    /**
     * Shuffles the samples with a seed and holds out {@code round(n * testFraction)} of them
     * (at least one, and at least one is left to train on), as scikit-learn's
     * {@code train_test_split}.
     *
     * @param testFraction the share of samples to hold out, in {@code (0, 1)}
     * @param seed the seed of the shuffle; the same seed gives the same split
     * @return the training and test datasets, each in shuffled order
     * @throws IllegalArgumentException if the fraction is not in {@code (0, 1)} or there are fewer than two samples
     */
    public Split split(double testFraction, long seed) {
        int n = size();
        int nTest = testCount(n, testFraction);
        int[] order = permutation(n, seed);
        return new Split(select(Arrays.copyOfRange(order, nTest, n)), select(Arrays.copyOf(order, nTest)));
    }

    /**
     * Like {@link #split(double, long)}, but each class is held out in the same proportion
     * ({@code round(classCount * testFraction)} of it), so rare classes appear in both parts.
     *
     * @param testFraction the share of each class to hold out, in {@code (0, 1)}
     * @param seed the seed of the shuffle
     * @return the training and test datasets, each in shuffled order
     * @throws IllegalArgumentException if the fraction is not in {@code (0, 1)} or the targets are not class labels
     */
    public Split splitStratified(double testFraction, long seed) {
        int n = size();
        testCount(n, testFraction);
        int[] classes;
        try {
            classes = Labels.classIndices(y());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("splitStratified needs class labels: " + e.getMessage(), e);
        }
        int k = Arrays.stream(classes).max().orElse(-1) + 1;
        int[] quota = new int[k];
        for (int c : classes) {
            quota[c]++;
        }
        for (int c = 0; c < k; c++) {
            quota[c] = (int) Math.round(quota[c] * testFraction);
        }
        int[] order = permutation(n, seed);
        int[] test = new int[n];
        int[] train = new int[n];
        int nTest = 0;
        int nTrain = 0;
        for (int i : order) {
            if (quota[classes[i]] > 0) {
                quota[classes[i]]--;
                test[nTest++] = i;
            } else {
                train[nTrain++] = i;
            }
        }
        return new Split(select(Arrays.copyOf(train, nTrain)), select(Arrays.copyOf(test, nTest)));
    }

    @Override
    public String toString() {
        StringBuilder parts = new StringBuilder();
        xs.forEach(c -> parts.append(parts.length() == 0 ? "" : ", ").append("x ").append(Shapes.format(c.shape())));
        ys.forEach(t -> parts.append(", y ").append(Shapes.format(Storage.shape(t))));
        return "Dataset(" + parts + (classNames.isEmpty() ? "" : ", classes " + classNames) + ")";
    }

    private static int testCount(int n, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: testFraction must be in (0, 1). Received: testFraction="
                    + testFraction);
        }
        if (n < 2) {
            throw new IllegalArgumentException("split: need at least 2 samples. Received: " + n);
        }
        return (int) Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
    }

    /** A seeded Fisher-Yates permutation of {@code 0 .. n-1}. */
    static int[] permutation(int n, long seed) {
        return Shuffle.permutation(n, new SplittableRandom(seed));
    }

    /**
     * Rows of a tensor along its first axis, gathered into a new tensor: how every data source
     * makes a batch.
     *
     * @param t a tensor {@code (n, ...)} (not modified)
     * @param indices row indices in {@code [0, n)}, in the order wanted (not modified)
     * @return a new tensor {@code (indices.length, ...)}
     */
    public static Tensor rows(Tensor t, int[] indices) {
        int[] shape = Storage.shape(t).clone();
        int row = Shapes.product(shape, 1, shape.length);
        double[] src = Storage.data(t);
        double[] out = new double[Math.multiplyExact(indices.length, row)];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, indices[i] * row, out, i * row, row);
        }
        shape[0] = indices.length;
        return Storage.wrap(out, shape);
    }
}
