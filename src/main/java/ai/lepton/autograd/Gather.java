package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Rows of a table picked by index, {@code y[..., :] = table[ids[...], :]} (Keras's {@code take}
 * along axis 0, an embedding lookup); backward adds each output row's gradient into the row of
 * the table it came from. The indices are data, not differentiated.
 *
 * <pre>{@code
 * Tensor embeddings = Tensor.randn(0, 10, 4);
 * Tensor vectors = Gather.apply(embeddings, Tensor.of(new double[] {3, 0, 3}, 1, 3));   // (1, 3, 4)
 * }</pre>
 */
public final class Gather extends Op {
    private final int[] rows;
    private final int tableRows;
    private final int width;

    private Gather(int[] rows, int tableRows, int width) {
        this.rows = rows;
        this.tableRows = tableRows;
        this.width = width;
    }

    /**
     * @param table the rows, {@code (n, width)}
     * @param ids whole numbers in {@code [0, n)}, any shape
     * @return {@code (ids' shape..., width)}
     * @throws ShapeException if the table is not 2-D
     * @throws IllegalArgumentException naming the first index that is not a whole number in range, and where it is
     */
    public static Tensor apply(Tensor table, Tensor ids) {
        int[] ts = shape(table);
        if (ts.length != 2) {
            throw ShapeException.of("gather", ts, "the table must be 2-D (rows, width)");
        }
        double[] id = data(ids);
        int[] rows = new int[id.length];
        for (int i = 0; i < id.length; i++) {
            double v = id[i];
            if (!(v >= 0 && v < ts[0]) || v != Math.rint(v)) {
                throw new IllegalArgumentException("index " + format(v) + " at position " + position(shape(ids), i)
                        + " is " + (v == Math.rint(v) ? "out of range" : "not a whole number") + ": expected a whole number in [0, "
                        + ts[0] + ")");
            }
            rows[i] = (int) v;
        }
        int width = ts[1];
        double[] t = data(table);
        double[] y = newArray(rows.length * width);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t, rows[i] * width, y, i * width, width);
        }
        int[] out = Arrays.copyOf(shape(ids), shape(ids).length + 1);
        out[out.length - 1] = width;
        return new Gather(rows, ts[0], width).output(y, out, table);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The multi-index of flat position i, e.g. {@code (3, 17)}. */
    private static String position(int[] shape, int i) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = i % shape[d];
            i /= shape[d];
        }
        return Shapes.format(index);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dTable = newArray(tableRows * width);
        Arrays.fill(dTable, 0.0);
        for (int i = 0; i < rows.length; i++) {
            int at = rows[i] * width;
            for (int j = 0; j < width; j++) {
                dTable[at + j] += g[i * width + j];
            }
        }
        return new double[][] {dTable};
    }
}
