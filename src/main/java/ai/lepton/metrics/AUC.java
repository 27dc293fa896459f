package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The area under the ROC or precision-recall curve, approximated as Keras's {@code AUC} does: the
 * predictions are counted (true and false positives and negatives) at {@code numThresholds}
 * thresholds, {@code -1e-7}, {@code 1/(n-1)}, ..., {@code (n-2)/(n-1)}, {@code 1 + 1e-7} (the end
 * thresholds lie just outside {@code [0, 1]} so that predictions of exactly 0 or 1 count), and the
 * curve through those points is summed as a Riemann sum:
 * <ul>
 * <li>{@code "interpolation"} (default): trapezoids for ROC; for PR, Davis and Goadrich's
 *     interpolation of the true and false positives (not of the precision) between thresholds;</li>
 * <li>{@code "minoring"} / {@code "majoring"}: the lower / upper of the two heights, bounds of
 *     the approximation.</li>
 * </ul>
 * A label is positive when it is not 0. With {@link #multiLabel(boolean) multiLabel}, each column
 * of {@code (batch, labels)} predictions has its own curve and the result is their mean;
 * otherwise all elements are counted together. The counts add up over batches and across machines
 * ({@link #state()}).
 *
 * <pre>{@code
 * model.compile(new Adam(), new BinaryCrossentropy(), List.of(new AUC(), new AUC("pr_auc").curve("PR")));
 * }</pre>
 */
public final class AUC extends Metric {
    /** The curves: receiver operating characteristic, precision-recall, and precision-recall gain. */
    public static final List<String> CURVES = List.of("ROC", "PR", "PRGAIN");
    /** The Riemann summation methods. */
    public static final List<String> SUMMATION_METHODS = List.of("interpolation", "minoring", "majoring");
    private static final double EPSILON = 1e-7;

    private int numThresholds = 200;
    private String curve = "ROC";
    private String summationMethod = "interpolation";
    private double[] initThresholds;
    private boolean multiLabel;
    private Integer numLabels;
    private boolean fromLogits;
    private double[] thresholds;
    private boolean evenly;
    private int columns;
    private double[] truePositives;
    private double[] falsePositives;
    private double[] trueNegatives;
    private double[] falseNegatives;

    /** Named {@code auc}: ROC, 200 thresholds, interpolation. */
    public AUC() {
        this("auc");
    }

    /** @param name the key the metric is reported under */
    public AUC(String name) {
        super(name);
        configure();
    }

    /**
     * @param n the number of thresholds, at least 2 (default 200)
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if {@code n < 2}
     */
    public AUC numThresholds(int n) {
        if (n < 2) {
            throw new IllegalArgumentException(name() + ": numThresholds must be an integer > 1. Received: numThresholds=" + n);
        }
        numThresholds = n;
        initThresholds = null;
        configure();
        return this;
    }

    /**
     * @param value {@code "ROC"} (default), {@code "PR"} or {@code "PRGAIN"} (lower case accepted)
     * @return this metric
     * @throws IllegalArgumentException for another value
     */
    public AUC curve(String value) {
        String upper = value == null ? "" : value.toUpperCase(Locale.ROOT);
        if (!CURVES.contains(upper) || !(value.equals(upper) || value.equals(value.toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException(name() + ": curve must be one of " + CURVES + ". Received: curve=" + value);
        }
        curve = upper;
        return this;
    }

    /**
     * @param value {@code "interpolation"} (default), {@code "minoring"} or {@code "majoring"} (capitalized accepted)
     * @return this metric
     * @throws IllegalArgumentException for another value
     */
    public AUC summationMethod(String value) {
        String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!SUMMATION_METHODS.contains(lower)
                || !(value.equals(lower) || value.equals(Character.toUpperCase(lower.charAt(0)) + lower.substring(1)))) {
            throw new IllegalArgumentException(name() + ": summationMethod must be one of " + SUMMATION_METHODS
                    + ". Received: summationMethod=" + value);
        }
        summationMethod = lower;
        return this;
    }

    /**
     * Counts at these thresholds (sorted here) instead of {@code numThresholds} evenly spaced
     * ones; the end thresholds {@code -1e-7} and {@code 1 + 1e-7} are added.
     *
     * @param values thresholds in {@code [0, 1]}
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if one is outside {@code [0, 1]}
     */
    public AUC thresholds(double... values) {
        for (double t : values) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(name() + ": threshold values must be in [0, 1]. Received: thresholds="
                        + Arrays.toString(values));
            }
        }
        initThresholds = values.clone();
        Arrays.sort(initThresholds);
        numThresholds = values.length + 2;
        configure();
        return this;
    }

    /**
     * @param on whether each column of {@code (batch, labels)} data is a label with its own curve,
     *           the result being their mean (default false: all elements count together)
     * @return this metric, its counts reset
     */
    public AUC multiLabel(boolean on) {
        multiLabel = on;
        if (!on) {
            numLabels = null;
        }
        configure();
        return this;
    }

    /**
     * @param n the number of labels of multi-label data, at least 1; without it, the first batch tells
     * @return this metric, its counts reset
     * @throws IllegalArgumentException if {@code n < 1} or {@link #multiLabel(boolean)} is off
     */
    public AUC numLabels(int n) {
        if (!multiLabel) {
            throw new IllegalArgumentException(name() + ": numLabels is needed only when multiLabel is true; call multiLabel(true) "
                    + "first. Received: numLabels=" + n);
        }
        if (n < 1) {
            throw new IllegalArgumentException(name() + ": numLabels must be at least 1. Received: numLabels=" + n);
        }
        numLabels = n;
        configure();
        return this;
    }

    /**
     * @param on whether the predictions are logits, put through a sigmoid first (default false)
     * @return this metric
     */
    public AUC fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    private void configure() {
        double[] inner = initThresholds;
        if (inner == null) {
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            }
            evenly = true;
        } else {
            double[] withEnds = new double[inner.length + 2];
            System.arraycopy(inner, 0, withEnds, 1, inner.length);
            withEnds[withEnds.length - 1] = 1.0;
            evenly = ThresholdCounts.evenlyDistributed(withEnds);
        }
        thresholds = new double[numThresholds];
        thresholds[0] = 0.0 - EPSILON;
        System.arraycopy(inner, 0, thresholds, 1, inner.length);
        thresholds[numThresholds - 1] = 1.0 + EPSILON;
        build(multiLabel ? (numLabels == null ? 0 : numLabels) : 1);
    }

    /** Allocates the counts for a number of columns; 0 waits for the first batch. */
    private void build(int labels) {
        columns = labels;
        int size = numThresholds * labels;
        truePositives = new double[size];
        falsePositives = new double[size];
        trueNegatives = new double[size];
        falseNegatives = new double[size];
    }

    /** @return the thresholds counted at, the two end ones included, a copy */
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] p = Storage.shape(yPred);
        if (yTrue.size() != yPred.size()) {
            throw new ShapeException(name() + ": expected labels with the predictions' shape, received labels "
                    + Shapes.format(Storage.shape(yTrue)) + " and predictions " + Shapes.format(p));
        }
        if (multiLabel) {
            if (p.length != 2) {
                throw new ShapeException(name() + ": with multiLabel the predictions must have rank 2, (batch, labels). Received: "
                        + Shapes.format(p));
            }
            if (columns == 0) {
                build(p[1]);
            } else if (p[1] != columns) {
                throw new ShapeException(name() + ": counting " + columns + " labels, but received predictions " + Shapes.format(p));
            }
        }
        double[] q = Storage.data(yPred);
        if (fromLogits) {
            q = q.clone();
            for (int i = 0; i < q.length; i++) {
                q[i] = 1.0 / (1.0 + Math.exp(-q[i]));
            }
        }
        ThresholdCounts.add(Storage.data(yTrue), q, columns, thresholds, evenly, truePositives, falsePositives, trueNegatives,
                falseNegatives);
    }

    @Override
    public double result() {
        if (columns == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int c = 0; c < columns; c++) {
            sum += curve.equals("PR") && summationMethod.equals("interpolation") ? interpolatedPrAuc(c) : riemannSum(c);
        }
        return multiLabel ? sum / columns : sum;
    }

    /** Davis and Goadrich's PR interpolation, in Keras's closed form ({@code interpolate_pr_auc}). */
    private double interpolatedPrAuc(int c) {
        double auc = 0;
        for (int t = 0; t < numThresholds - 1; t++) {
            int a = t * columns + c;
            int b = a + columns;
            double dtp = truePositives[a] - truePositives[b];
            double pA = truePositives[a] + falsePositives[a];
            double pB = truePositives[b] + falsePositives[b];
            double slope = divideNoNan(dtp, Math.max(pA - pB, 0));
            double intercept = truePositives[b] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? divideNoNan(pA, Math.max(pB, 0)) : 1.0;
            auc += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(truePositives[b] + falseNegatives[b], 0));
        }
        return auc;
    }

    private double riemannSum(int c) {
        double auc = 0;
        for (int t = 0; t < numThresholds - 1; t++) {
            int a = t * columns + c;
            int b = a + columns;
            double[] xy = point(a);
            double[] next = point(b);
            double height;
            switch (summationMethod) {
                case "minoring":
                    height = Math.min(xy[1], next[1]);
                    break;
                case "majoring":
                    height = Math.max(xy[1], next[1]);
                    break;
                default:
                    height = (xy[1] + next[1]) / 2.0;
            }
            auc += (xy[0] - next[0]) * height;
        }
        return auc;
    }

    /** The curve's point {@code (x, y)} at one threshold and column. */
    private double[] point(int at) {
        double tp = truePositives[at];
        double fp = falsePositives[at];
        double tn = trueNegatives[at];
        double fn = falseNegatives[at];
        double recall = divideNoNan(tp, tp + fn);
        switch (curve) {
            case "ROC":
                return new double[] {divideNoNan(fp, fp + tn), recall};
            case "PR":
                return new double[] {recall, divideNoNan(tp, tp + fp)};
            default:
                double scaling = divideNoNan(tp + fn, tn + fp);
                double recallGain = tp == 0 ? 0.0 : 1.0 - scaling * divideNoNan(fn, tp);
                double precisionGain = tp == 0 ? 1.0 : 1.0 - scaling * divideNoNan(fp, tp);
                return new double[] {Math.max(recallGain, 0.0), precisionGain};
        }
    }

    private static double divideNoNan(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }

    @Override
    public void reset() {
        build(columns);
    }

    /**
     * @return the true positives, false positives, true negatives and false negatives, each
     *         {@code [threshold * labels + label]}; empty for multi-label counts that have not
     *         seen a batch yet
     */
    @Override
    public double[] state() {
        int size = truePositives.length;
        double[] s = new double[4 * size];
        System.arraycopy(truePositives, 0, s, 0, size);
        System.arraycopy(falsePositives, 0, s, size, size);
        System.arraycopy(trueNegatives, 0, s, 2 * size, size);
        System.arraycopy(falseNegatives, 0, s, 3 * size, size);
        return s;
    }

    @Override
    public void merge(double[] other) {
        if (other.length == 0) {
            return;
        }
        if (columns == 0 && other.length % (4 * numThresholds) == 0) {
            build(other.length / (4 * numThresholds));
        }
        int size = truePositives.length;
        checkState(other, 4 * size);
        for (int i = 0; i < size; i++) {
            truePositives[i] += other[i];
            falsePositives[i] += other[size + i];
            trueNegatives[i] += other[2 * size + i];
            falseNegatives[i] += other[3 * size + i];
        }
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("num_thresholds", numThresholds).put("curve", curve)
                .put("summation_method", summationMethod).put("multi_label", multiLabel).put("num_labels", numLabels)
                .put("label_weights", null).put("from_logits", fromLogits);
        if (initThresholds != null) {
            config.put("thresholds", initThresholds.clone());
        }
        return config;
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults. Keras's
     * {@code label_weights} are not supported and must be {@code null}.
     *
     * @param config the saved settings
     * @return a new metric
     * @throws IllegalArgumentException for a bad value or label weights
     */
    public static AUC fromConfig(Config config) {
        AUC auc = new AUC(config.getString("name", "auc"));
        if (config.get("label_weights") != null) {
            throw new IllegalArgumentException(auc.name() + ": label_weights are not supported. Received: label_weights="
                    + config.get("label_weights"));
        }
        if (config.get("thresholds") != null) {
            // Keras writes num_thresholds too, the inner thresholds' count plus 2.
            config.markRead("num_thresholds");
            auc.thresholds(config.getDoubles("thresholds"));
        } else {
            auc.numThresholds(config.getInt("num_thresholds", 200));
        }
        auc.curve(config.getString("curve", "ROC")).summationMethod(config.getString("summation_method", "interpolation"))
                .multiLabel(config.getBoolean("multi_label", false)).fromLogits(config.getBoolean("from_logits", false));
        if (config.get("num_labels") != null) {
            auc.numLabels(config.getInt("num_labels"));
        }
        return auc;
    }
}
