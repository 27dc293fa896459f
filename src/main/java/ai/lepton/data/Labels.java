package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Class labels: one-hot encoding (Keras's {@code to_categorical}) and reading class indices back.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(new double[] {2, 0, 1}, 3);
 * Tensor oneHot = Labels.toCategorical(y, 3);   // (3, 3): [[0,0,1], [1,0,0], [0,1,0]]
 * }</pre>
 */
public final class Labels {
    private Labels() {
    }

    /**
     * One-hot rows from class indices.
     *
     * @param labels class indices {@code 0 .. numClasses-1} as doubles, {@code (n,)} or {@code (n, 1)} (not modified)
     * @param numClasses the number of classes, at least 1
     * @return a new {@code (n, numClasses)} tensor with a single 1 in each row
     * @throws IllegalArgumentException if a label is not a whole number in {@code [0, numClasses)}
     */
    public static Tensor toCategorical(Tensor labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("toCategorical: numClasses must be at least 1. Received: numClasses="
                    + numClasses);
        }
        double[] idx = indices(labels, "toCategorical");
        double[] out = new double[Math.multiplyExact(idx.length, numClasses)];
        for (int i = 0; i < idx.length; i++) {
            double v = idx[i];
            if (v < 0 || v >= numClasses) {
                throw new IllegalArgumentException("toCategorical: label " + format(v) + " at index " + i
                        + " is not a class index in [0, " + numClasses + ")");
            }
            out[i * numClasses + (int) v] = 1;
        }
        return Storage.wrap(out, idx.length, numClasses);
    }

    /**
     * The class index of each sample, whether the labels are indices or one-hot rows.
     *
     * @param labels {@code (n,)} or {@code (n, 1)} class indices, or {@code (n, k)} one-hot rows with {@code k > 1}
     *     (not modified)
     * @return a new array of {@code n} class indices
     * @throws IllegalArgumentException if the labels are not whole non-negative numbers
     */
    public static int[] classIndices(Tensor labels) {
        int[] shape = labels.shape();
        if (shape.length == 2 && shape[1] > 1) {
            return toInts(labels.argmax(1));
        }
        double[] idx = indices(labels, "classIndices");
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0) {
                throw new IllegalArgumentException("classIndices: label " + format(idx[i]) + " at index " + i
                        + " is negative");
            }
            out[i] = (int) idx[i];
        }
        return out;
    }

    private static int[] toInts(Tensor t) {
        double[] d = Storage.data(t);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** The labels' array after checking the shape and that every value is a whole number. */
    private static double[] indices(Tensor labels, String op) {
        int[] shape = labels.shape();
        if (shape.length != 1 && !(shape.length == 2 && shape[1] == 1)) {
            throw new IllegalArgumentException(op + ": expected labels of shape (n,) or (n, 1). Received: "
                    + Shapes.format(shape));
        }
        double[] d = Storage.data(labels);
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Double.isInfinite(d[i])) {
                throw new IllegalArgumentException(op + ": label " + format(d[i]) + " at index " + i
                        + " is not a whole number (is this a regression target?)");
            }
        }
        return d;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
