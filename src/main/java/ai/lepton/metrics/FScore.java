package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The base of {@link F1Score} and {@link FBetaScore}, Keras's {@code FBetaScore}: the weighted
 * harmonic mean of precision and recall, {@code (1 + b^2) P R / (b^2 P + R)}, each with
 * {@code 1e-7} added to its denominator as Keras does, for {@code (batch, classes)} labels
 * (one-hot or multi-hot) and predictions. A
 * prediction counts as positive above {@link #threshold(double) threshold}; without one, the
 * largest of each row does (unless it is 0). Averaging over the classes:
 * <ul>
 * <li>none (Keras's default, {@code null}): one score per class, in {@link #results()};
 *     {@link #result()} is then their mean, the single number a training log shows;</li>
 * <li>{@code "micro"}: one score from the counts of all classes together;</li>
 * <li>{@code "macro"}: the mean of the per-class scores;</li>
 * <li>{@code "weighted"}: their mean weighted by each class's number of true labels.</li>
 * </ul>
 *
 * <pre>{@code
 * FScore f2 = new FBetaScore(2.0).average("macro");
 * f2.update(oneHot, probabilities);
 * double[] perClass = new F1Score().results();
 * }</pre>
 */
public abstract class FScore extends Metric {
    /** The averages besides none ({@code null}). */
    public static final List<String> AVERAGES = List.of("micro", "macro", "weighted");
    private static final double EPSILON = 1e-7;

    private String average;
    private double beta = 1.0;
    private Double threshold;
    private double[] truePositives = new double[0];
    private double[] falsePositives = new double[0];
    private double[] falseNegatives = new double[0];
    private double[] support = new double[0];

    /** @param name the key the metric is reported under */
    protected FScore(String name) {
        super(name);
    }

    /**
     * @param value {@code null} (one score per class), {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @return this metric, its counts reset
     * @throws IllegalArgumentException for another value
     */
    public FScore average(String value) {
        if (value != null && !AVERAGES.contains(value)) {
            throw new IllegalArgumentException(name() + ": average must be null or one of " + AVERAGES + ". Received: average="
                    + value);
        }
        average = value;
        reset();
        return this;
    }

    /**
     * @param value the weight of recall against precision, positive
     * @throws IllegalArgumentException if not positive and finite
     */
    protected final void setBeta(double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name() + ": beta must be positive and finite. Received: beta=" + value);
        }
        beta = value;
    }

    /** @return the weight of recall against precision */
    public final double beta() {
        return beta;
    }

    /**
     * @param value predictions above it count as positive, in {@code (0, 1]}
     * @return this metric
     * @throws IllegalArgumentException if out of range
     */
    public FScore threshold(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name() + ": threshold must verify 0 < threshold <= 1. Received: threshold="
                    + value);
        }
        threshold = value;
        return this;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        if (t.length != 2 || !Shapes.equal(t, p)) {
            throw new ShapeException(name() + ": expected labels and predictions of one shape (batch, classes), received labels "
                    + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        int classes = p[1];
        int width = "micro".equals(average) ? 1 : classes;
        if (truePositives.length == 0) {
            allocate(width);
        } else if (truePositives.length != width) {
            throw new ShapeException(name() + ": counting " + truePositives.length + " classes, but received predictions "
                    + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        for (int r = 0; r < p[0]; r++) {
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                rowMax = Math.max(rowMax, q[r * classes + c]);
            }
            for (int c = 0; c < classes; c++) {
                double v = q[r * classes + c];
                boolean positive = threshold == null ? v >= rowMax && Math.abs(v) > 1e-9 : v > threshold;
                double predicted = positive ? 1.0 : 0.0;
                double label = y[r * classes + c];
                int at = width == 1 ? 0 : c;
                truePositives[at] += predicted * label;
                falsePositives[at] += predicted * (1 - label);
                falseNegatives[at] += (1 - predicted) * label;
                support[at] += label;
            }
        }
    }

    private void allocate(int width) {
        truePositives = new double[width];
        falsePositives = new double[width];
        falseNegatives = new double[width];
        support = new double[width];
    }

    /** @return the score of each class without averaging, else the one averaged score; empty before any update */
    @Override
    public double[] results() {
        int n = truePositives.length;
        double b2 = beta * beta;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double precision = truePositives[i] / (truePositives[i] + falsePositives[i] + EPSILON);
            double recall = truePositives[i] / (truePositives[i] + falseNegatives[i] + EPSILON);
            double mean = precision * recall / (b2 * precision + recall + EPSILON);
            scores[i] = mean * (1 + b2);
        }
        if (average == null || n == 0) {
            return scores;
        }
        if (average.equals("weighted")) {
            double total = Arrays.stream(support).sum() + EPSILON;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scores[i] * (support[i] / total);
            }
            return new double[] {sum};
        }
        return new double[] {Arrays.stream(scores).sum() / n};
    }

    /** @return the averaged score, or without averaging the mean of the per-class scores (0 before any update) */
    @Override
    public double result() {
        double[] all = results();
        return all.length == 0 ? 0.0 : Arrays.stream(all).sum() / all.length;
    }

    @Override
    public void reset() {
        allocate(0);
    }

    /**
     * @return the true positives, false positives, false negatives and true labels, per class (one
     *         of each for micro); empty before any update
     */
    @Override
    public double[] state() {
        int n = truePositives.length;
        double[] s = new double[4 * n];
        System.arraycopy(truePositives, 0, s, 0, n);
        System.arraycopy(falsePositives, 0, s, n, n);
        System.arraycopy(falseNegatives, 0, s, 2 * n, n);
        System.arraycopy(support, 0, s, 3 * n, n);
        return s;
    }

    @Override
    public void merge(double[] other) {
        if (other.length == 0) {
            return;
        }
        if (truePositives.length == 0 && other.length % 4 == 0) {
            allocate(other.length / 4);
        }
        int n = truePositives.length;
        checkState(other, 4 * n);
        for (int i = 0; i < n; i++) {
            truePositives[i] += other[i];
            falsePositives[i] += other[n + i];
            falseNegatives[i] += other[2 * n + i];
            support[i] += other[3 * n + i];
        }
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("average", average).put("threshold", threshold);
    }

    /**
     * Applies Keras's {@code average} and {@code threshold} settings.
     *
     * @param metric a metric being rebuilt (modified)
     * @param config its settings
     * @param <M> the metric class
     * @return {@code metric}
     */
    static <M extends FScore> M configured(M metric, Config config) {
        metric.average(config.getString("average", null));
        if (config.get("threshold") != null) {
            metric.threshold(config.getDouble("threshold"));
        }
        return metric;
    }
}
