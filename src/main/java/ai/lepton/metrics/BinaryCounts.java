package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The base of {@link Precision} and {@link Recall}: counts true positives, false positives and
 * false negatives at each threshold, as Keras does. A label is positive when it is not 0, a
 * prediction when it is above the threshold (Keras's default 0.5).
 *
 * <p>With {@link #topK(int) topK}, only the {@code k} largest predictions of each row (the last
 * axis) keep their values, the others count as negative, and the default threshold becomes
 * {@code -1e10} so that those {@code k} count as positive. With {@link #classId(int) classId},
 * only that column of labels and predictions is counted. Labels have the predictions' size.
 */
public abstract class BinaryCounts extends Metric {
    /** The threshold with {@code topK} and no thresholds given, Keras's {@code NEG_INF}. */
    static final double NEG_INF = -1e10;

    private double[] initThresholds;
    private Integer topK;
    private Integer classId;
    private double[] thresholds;
    private boolean evenly;
    private double[] truePositives;
    private double[] falsePositives;
    private double[] falseNegatives;

    /** @param name the key the metric is reported under */
    protected BinaryCounts(String name) {
        super(name);
        configure();
    }

    /**
     * Counts at these thresholds instead of 0.5; the metric then reports one value per threshold
     * ({@link #results()}).
     *
     * @param values thresholds in {@code [0, 1]}, at least one
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if none is given or one is outside {@code [0, 1]}
     */
    public BinaryCounts thresholds(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name() + ": thresholds needs at least one value. Received none");
        }
        for (double t : values) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(name() + ": threshold values must be in [0, 1]. Received: thresholds="
                        + Arrays.toString(values));
            }
        }
        initThresholds = values.clone();
        configure();
        return this;
    }

    /**
     * @param k how many of the largest predictions of each row count, at least 1
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public BinaryCounts topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException(name() + ": topK must be at least 1. Received: topK=" + k);
        }
        topK = k;
        configure();
        return this;
    }

    /**
     * @param id the column (class) to count, in {@code [0, classes)}
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if negative
     */
    public BinaryCounts classId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException(name() + ": classId must be a class index, at least 0. Received: classId=" + id);
        }
        classId = id;
        configure();
        return this;
    }

    private void configure() {
        double fallback = topK == null ? 0.5 : NEG_INF;
        thresholds = initThresholds != null ? initThresholds.clone() : new double[] {fallback};
        evenly = ThresholdCounts.evenlyDistributed(thresholds);
        reset();
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        int[] p = Storage.shape(yPred);
        if (yTrue.size() != yPred.size()) {
            throw new ShapeException(name() + ": expected labels with the predictions' shape, received labels "
                    + Shapes.format(Storage.shape(yTrue)) + " and predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int columns = p.length < 2 ? 1 : p[p.length - 1];
        if (topK != null) {
            q = keepTopK(q, columns, topK);
        }
        if (classId != null) {
            if (p.length < 2 || classId >= columns) {
                throw new IllegalArgumentException(name() + ": classId " + classId + " is not a column of predictions of shape "
                        + Shapes.format(p));
            }
            y = column(y, columns, classId);
            q = column(q, columns, classId);
        }
        ThresholdCounts.add(y, q, 1, thresholds, evenly, truePositives, falsePositives, null, falseNegatives);
    }

    /**
     * Keras's {@code _filter_top_k}: the {@code k} largest of each row (the first on ties) keep
     * their value, the rest become {@code NEG_INF}.
     */
    private static double[] keepTopK(double[] q, int columns, int k) {
        double[] out = new double[q.length];
        Integer[] order = new Integer[columns];
        for (int row = 0; row < q.length / columns; row++) {
            int base = row * columns;
            for (int c = 0; c < columns; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Double.compare(q[base + b], q[base + a]));
            Arrays.fill(out, base, base + columns, NEG_INF);
            for (int i = 0; i < Math.min(k, columns); i++) {
                out[base + order[i]] = q[base + order[i]];
            }
        }
        return out;
    }

    private static double[] column(double[] values, int columns, int column) {
        double[] out = new double[values.length / columns];
        for (int row = 0; row < out.length; row++) {
            out[row] = values[row * columns + column];
        }
        return out;
    }

    @Override
    public final void reset() {
        truePositives = new double[thresholds.length];
        falsePositives = new double[thresholds.length];
        falseNegatives = new double[thresholds.length];
    }

    /** @return {@code {true positives, false positives, false negatives}}, each per threshold */
    @Override
    public final double[] state() {
        int n = thresholds.length;
        double[] s = new double[3 * n];
        System.arraycopy(truePositives, 0, s, 0, n);
        System.arraycopy(falsePositives, 0, s, n, n);
        System.arraycopy(falseNegatives, 0, s, 2 * n, n);
        return s;
    }

    @Override
    public final void merge(double[] other) {
        int n = thresholds.length;
        checkState(other, 3 * n);
        for (int t = 0; t < n; t++) {
            truePositives[t] += other[t];
            falsePositives[t] += other[n + t];
            falseNegatives[t] += other[2 * n + t];
        }
    }

    /** @return the thresholds counted at, a copy */
    public final double[] thresholds() {
        return thresholds.clone();
    }

    /** @return the true positives at each threshold so far, a copy */
    public final double[] truePositives() {
        return truePositives.clone();
    }

    /** @return the false positives at each threshold so far, a copy */
    public final double[] falsePositives() {
        return falsePositives.clone();
    }

    /** @return the false negatives at each threshold so far, a copy */
    public final double[] falseNegatives() {
        return falseNegatives.clone();
    }

    /** @return the value at the first threshold (see {@link #results()} for all) */
    @Override
    public final double result() {
        return results()[0];
    }

    @Override
    public Config getConfig() {
        Object init = initThresholds == null ? null : initThresholds.length == 1 ? (Object) initThresholds[0] : initThresholds.clone();
        return super.getConfig().put("thresholds", init).put("top_k", topK).put("class_id", classId);
    }

    /**
     * Applies Keras's {@code thresholds}, {@code top_k} and {@code class_id} settings.
     *
     * @param metric a metric being rebuilt (modified)
     * @param config its settings
     * @param <M> the metric class
     * @return {@code metric}
     */
    static <M extends BinaryCounts> M configured(M metric, Config config) {
        if (config.get("thresholds") != null) {
            metric.thresholds(config.getDoubles("thresholds"));
        }
        if (config.get("top_k") != null) {
            metric.topK(config.getInt("top_k"));
        }
        if (config.get("class_id") != null) {
            metric.classId(config.getInt("class_id"));
        }
        return metric;
    }

    /**
     * @param numerator a count
     * @param denominator a count
     * @return their ratio, or 0 when the denominator is 0 (Keras's {@code divide_no_nan})
     */
    protected static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }
}
