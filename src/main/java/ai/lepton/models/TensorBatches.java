package ai.lepton.models;

import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Batches over in-memory tensors: in order, or reshuffled each epoch with a seed. Without
 * shuffling the batches are taken in order and the last one may be short, as in Keras.
 */
final class TensorBatches implements BatchSource {
    private final Tensor x;
    private final Tensor y;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    /**
     * @param x the inputs, {@code (n, ...)}
     * @param y the labels, {@code (n, ...)}
     * @param batchSize examples per batch
     * @param shuffle whether to reshuffle each epoch
     * @param seed the shuffling seed
     */
    TensorBatches(Tensor x, Tensor y, int batchSize, boolean shuffle, long seed) {
        this.x = x;
        this.y = y;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    @Override
    public int[] xShape() {
        return x.shape();
    }

    @Override
    public int[] yShape() {
        return y.shape();
    }

    @Override
    public Tensor allLabels() {
        return y;
    }

    @Override
    public int size() {
        return x.shape()[0];
    }

    @Override
    public int numBatches() {
        return (size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Tensor[]> batches(int epoch) {
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            // Each epoch's order depends only on (seed, epoch), so resuming at an epoch repeats it.
            SplittableRandom random = new SplittableRandom(new SplittableRandom(seed + epoch).nextLong());
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return new Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public Tensor[] next() {
                if (from >= n) {
                    throw new NoSuchElementException("the epoch has " + numBatches() + " batches");
                }
                int to = Math.min(n, from + batchSize);
                Tensor[] batch = {rows(x, order, from, to), rows(y, order, from, to)};
                from = to;
                return batch;
            }
        };
    }

    /**
     * @param t a tensor {@code (n, ...)} (not modified)
     * @param order a permutation of the rows
     * @param from the first position in {@code order}, inclusive
     * @param to the last position, exclusive
     * @return the rows {@code order[from..to)} as a new tensor
     */
    static Tensor rows(Tensor t, int[] order, int from, int to) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        double[] src = Storage.data(t);
        double[] dst = new double[(to - from) * row];
        for (int i = from; i < to; i++) {
            System.arraycopy(src, order[i] * row, dst, (i - from) * row, row);
        }
        shape[0] = to - from;
        return Storage.wrap(dst, shape);
    }

    /**
     * @param t a tensor {@code (n, ...)} (not modified)
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @return the rows {@code [from, to)} as a new tensor
     */
    static Tensor rows(Tensor t, int from, int to) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        double[] dst = new double[(to - from) * row];
        System.arraycopy(Storage.data(t), from * row, dst, 0, dst.length);
        shape[0] = to - from;
        return Storage.wrap(dst, shape);
    }
}
