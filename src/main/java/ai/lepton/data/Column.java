package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * How a {@link Dataset} keeps one input: as float64 values, or compactly as bytes or floats that
 * become float64 only one batch at a time. 60,000 Fashion-MNIST images take 47 MB as bytes and
 * 376 MB as doubles; the model sees the same numbers either way.
 */
sealed interface Column {
    /** @return the shape {@code (n, ...)} */
    int[] shape();

    /**
     * The rows at some indices as a new float64 tensor: how a batch is made.
     *
     * @param indices row indices in {@code [0, n)} (not modified)
     * @return {@code (indices.length, ...)}
     */
    Tensor rows(int[] indices);

    /** @return every row as one new float64 tensor */
    default Tensor all() {
        int[] idx = Shuffle.identity(shape()[0]);
        return rows(idx);
    }

    /** @return the same kind of column holding only the given rows */
    Column select(int[] indices);

    /** @return the bytes the values take */
    long bytes();

    /** The values of one row. */
    default int rowSize() {
        int[] s = shape();
        return Shapes.product(s, 1, s.length);
    }

    /** A column of float64 values, the tensor itself. */
    record Doubles(Tensor values) implements Column {
        @Override
        public int[] shape() {
            return Storage.shape(values);
        }

        @Override
        public Tensor rows(int[] indices) {
            return Dataset.rows(values, indices);
        }

        @Override
        public Tensor all() {
            return values;
        }

        @Override
        public Column select(int[] indices) {
            return new Doubles(rows(indices));
        }

        @Override
        public long bytes() {
            return 8L * Storage.data(values).length;
        }
    }

    /**
     * A column of unsigned bytes {@code 0..255}, each read as {@code value / divisor}: images.
     *
     * @param values the row-major bytes (owned, never changed)
     * @param shape {@code (n, ...)}
     * @param divisor what each value is divided by, e.g. 255 for {@code [0, 1]}
     */
    record Bytes(byte[] values, int[] shape, double divisor) implements Column {
        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public Tensor rows(int[] indices) {
            int row = rowSize();
            double[] out = new double[Math.multiplyExact(indices.length, row)];
            // The 256 quotients once, then a lookup per byte instead of a division.
            double[] scaled = new double[256];
            for (int v = 0; v < scaled.length; v++) {
                scaled[v] = v / divisor;
            }
            for (int i = 0; i < indices.length; i++) {
                int from = indices[i] * row;
                int to = i * row;
                for (int k = 0; k < row; k++) {
                    out[to + k] = scaled[values[from + k] & 0xff];
                }
            }
            return Storage.wrap(out, batchShape(shape, indices.length));
        }

        @Override
        public Column select(int[] indices) {
            int row = rowSize();
            byte[] out = new byte[Math.multiplyExact(indices.length, row)];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * row, out, i * row, row);
            }
            return new Bytes(out, batchShape(shape, indices.length), divisor);
        }

        @Override
        public long bytes() {
            return values.length;
        }
    }

    /**
     * A column of float32 values, each read as {@code value / divisor}: decoded and resized images
     * (values {@code 0..255}, exact for whole numbers), or word indices, at half the memory.
     *
     * @param values the row-major values (owned, never changed)
     * @param shape {@code (n, ...)}
     * @param divisor what each value is divided by (1 to keep it)
     */
    record Floats(float[] values, int[] shape, double divisor) implements Column {
        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public Tensor rows(int[] indices) {
            int row = rowSize();
            double[] out = new double[Math.multiplyExact(indices.length, row)];
            for (int i = 0; i < indices.length; i++) {
                int from = indices[i] * row;
                int to = i * row;
                for (int k = 0; k < row; k++) {
                    out[to + k] = values[from + k] / divisor;
                }
            }
            return Storage.wrap(out, batchShape(shape, indices.length));
        }

        @Override
        public Column select(int[] indices) {
            int row = rowSize();
            float[] out = new float[Math.multiplyExact(indices.length, row)];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * row, out, i * row, row);
            }
            return new Floats(out, batchShape(shape, indices.length), divisor);
        }

        @Override
        public long bytes() {
            return 4L * values.length;
        }
    }

    private static int[] batchShape(int[] shape, int n) {
        int[] s = Arrays.copyOf(shape, shape.length);
        s[0] = n;
        return s;
    }
}
