package ai.lepton.metrics;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Counts of (true class, predicted class) pairs, for looking at what a classifier confuses.
 * Row {@code t}, column {@code p} counts the examples of class {@code t} predicted as {@code p}.
 *
 * <p>Each of {@code yTrue} and {@code yPred} may be given as {@code (n, numClasses)} scores or
 * one-hot rows (the class is the largest column), or as {@code (n,)} or {@code (n, 1)} class
 * indices; with two classes, an {@code (n,)} or {@code (n, 1)} tensor is read as the probability
 * of class 1 and thresholded at 0.5 (which leaves 0/1 labels unchanged).
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(yTest, model.predict(xTest), 10);
 * System.out.println(cm);          // a table with true classes as rows
 * int missed = cm.count(3, 5);     // threes predicted as fives
 * }</pre>
 */
public final class ConfusionMatrix {
    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    /**
     * @param yTrue the labels (not modified)
     * @param yPred the predictions (not modified)
     * @param numClasses the number of classes, at least 2
     * @return the counts
     * @throws IllegalArgumentException if the tensors disagree on the number of examples, or hold a class outside {@code [0, numClasses)}
     */
    public static ConfusionMatrix of(Tensor yTrue, Tensor yPred, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("ConfusionMatrix: numClasses must be at least 2. Received: numClasses=" + numClasses);
        }
        int[] t = classIndices("yTrue", yTrue, numClasses);
        int[] p = classIndices("yPred", yPred, numClasses);
        if (t.length != p.length) {
            throw new ShapeException("ConfusionMatrix: yTrue " + Shapes.format(yTrue.shape()) + " and yPred "
                    + Shapes.format(yPred.shape()) + " hold different numbers of examples");
        }
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < t.length; i++) {
            counts[t[i]][p[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /**
     * The class of each example as the matrix counts it: the largest column of {@code (n, k)}
     * scores or one-hot rows; a {@code (n,)} or {@code (n, 1)} column holds class indices, or, for
     * two classes, probabilities of class 1 thresholded at 0.5.
     *
     * <pre>{@code
     * int[] predicted = ConfusionMatrix.classIndices("yPred", probabilities, 3);
     * }</pre>
     *
     * @param what the tensor's name, for messages
     * @param y labels or predictions (not modified)
     * @param numClasses the number of classes
     * @return a new array with one class index per example
     * @throws IllegalArgumentException if a value is not a class index in {@code [0, numClasses)} or the shape fits neither form
     */
    public static int[] classIndices(String what, Tensor y, int numClasses) {
        int[] s = Storage.shape(y);
        double[] v = Storage.data(y);
        if (s.length == 2 && s[1] == numClasses) {
            int[] out = new int[s[0]];
            for (int r = 0; r < s[0]; r++) {
                out[r] = Rows.argmax(v, r, numClasses);
            }
            return out;
        }
        if (s.length == 1 || (s.length == 2 && s[1] == 1)) {
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (numClasses == 2) {
                    out[i] = v[i] > 0.5 ? 1 : 0;
                } else if (v[i] == Math.rint(v[i]) && v[i] >= 0 && v[i] < numClasses) {
                    out[i] = (int) v[i];
                } else {
                    throw new IllegalArgumentException("ConfusionMatrix: " + what + " value " + v[i] + " at index " + i
                            + " is not a class index in [0, " + numClasses + ")");
                }
            }
            return out;
        }
        throw new ShapeException("ConfusionMatrix: " + what + " has shape " + Shapes.format(s) + "; expected (n, "
                + numClasses + ") scores or (n,) / (n, 1) class indices");
    }

    /** @return the number of classes */
    public int numClasses() {
        return counts.length;
    }

    /**
     * @param trueClass the label's class
     * @param predictedClass the predicted class
     * @return how many examples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** @return a copy of the counts, rows indexed by the true class */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** @return the number of examples counted */
    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** @return the fraction on the diagonal (0 when empty) */
    public double accuracy() {
        int right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        int n = total();
        return n == 0 ? 0.0 : (double) right / n;
    }

    /**
     * @return a table with a header row of predicted classes and one row per true class, e.g.
     *         <pre>
     * true\pred   0   1
     *         0  48   2
     *         1   1  49
     *         </pre>
     */
    @Override
    public String toString() {
        int width = Math.max(Integer.toString(counts.length - 1).length(), Integer.toString(maxCount()).length()) + 2;
        String corner = "true\\pred";
        StringBuilder text = new StringBuilder(corner);
        for (int p = 0; p < counts.length; p++) {
            text.append(pad(Integer.toString(p), width));
        }
        text.append('\n');
        for (int t = 0; t < counts.length; t++) {
            text.append(pad(Integer.toString(t), corner.length()));
            for (int p = 0; p < counts.length; p++) {
                text.append(pad(Integer.toString(counts[t][p]), width));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private int maxCount() {
        int max = 0;
        for (int[] row : counts) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        return max;
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
