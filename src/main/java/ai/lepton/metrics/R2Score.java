package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The coefficient of determination, Keras's {@code R2Score}: for each output column
 * {@code R2 = 1 - sum((y - p)^2) / sum((y - mean(y))^2)} over all examples seen (an infinite value,
 * from a constant target, counts as 0), then aggregated over the columns:
 * {@code "uniform_average"} (default, their mean), {@code "variance_weighted_average"} (weighted
 * by each column's sum of squares), or none ({@code null}: one score per column in
 * {@link #results()}, and {@link #result()} their mean). With {@code numRegressors = k > 0} it is
 * the adjusted score {@code 1 - (1 - R2)(n - 1) / (n - k - 1)}, unless {@code k >= n - 1}. Labels
 * and predictions have shape {@code (batch, outputs)}.
 *
 * <pre>{@code
 * Metric r2 = new R2Score();
 * r2.update(targets, predictions);
 * }</pre>
 */
public final class R2Score extends Metric {
    /** The aggregations besides none ({@code null}). */
    public static final List<String> CLASS_AGGREGATIONS = List.of("uniform_average", "variance_weighted_average");

    private String classAggregation = "uniform_average";
    private int numRegressors;
    private double[] sum = new double[0];
    private double[] squaredSum = new double[0];
    private double[] residual = new double[0];
    private double[] count = new double[0];
    private double samples;

    /** Named {@code r2_score}: the uniform average over the outputs, not adjusted. */
    public R2Score() {
        this("r2_score");
    }

    /** @param name the key the metric is reported under */
    public R2Score(String name) {
        super(name);
    }

    /**
     * @param value {@code "uniform_average"}, {@code "variance_weighted_average"} or {@code null}
     * @return this metric
     * @throws IllegalArgumentException for another value
     */
    public R2Score classAggregation(String value) {
        if (value != null && !CLASS_AGGREGATIONS.contains(value)) {
            throw new IllegalArgumentException(name() + ": classAggregation must be null or one of " + CLASS_AGGREGATIONS
                    + ". Received: classAggregation=" + value);
        }
        classAggregation = value;
        return this;
    }

    /**
     * @param value the number of independent regressors for the adjusted score, 0 for the plain one
     * @return this metric
     * @throws IllegalArgumentException if negative
     */
    public R2Score numRegressors(int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name() + ": numRegressors must be >= 0. Received: numRegressors=" + value);
        }
        numRegressors = value;
        return this;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        boolean column = t.length == 1 && p.length == 2 && p[1] == 1 && t[0] == p[0];
        if (p.length != 2 || !(Shapes.equal(t, p) || column)) {
            throw new ShapeException(name() + ": expected labels and predictions of one shape (batch, outputs), received labels "
                    + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        int outputs = p[1];
        if (sum.length == 0) {
            allocate(outputs);
        } else if (sum.length != outputs) {
            throw new ShapeException(name() + ": scoring " + sum.length + " outputs, but received predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        for (int c = 0; c < outputs; c++) {
            // The batch's sums first, then the totals: merged parts then add up exactly as one metric would.
            double labels = 0;
            double squares = 0;
            double errors = 0;
            for (int r = 0; r < p[0]; r++) {
                double label = y[r * outputs + c];
                double e = label - q[r * outputs + c];
                labels += label;
                squares += label * label;
                errors += e * e;
            }
            sum[c] += labels;
            squaredSum[c] += squares;
            residual[c] += errors;
            count[c] += p[0];
        }
        samples += p[0];
    }

    private void allocate(int outputs) {
        sum = new double[outputs];
        squaredSum = new double[outputs];
        residual = new double[outputs];
        count = new double[outputs];
    }

    /** @return the score of each output without aggregation, else the one aggregated score; empty before any update */
    @Override
    public double[] results() {
        int n = sum.length;
        double[] total = new double[n];
        double[] raw = new double[n];
        for (int c = 0; c < n; c++) {
            double mean = sum[c] / count[c];
            total[c] = squaredSum[c] - sum[c] * mean;
            raw[c] = 1 - residual[c] / total[c];
            if (Double.isInfinite(raw[c])) {
                raw[c] = 0.0;
            }
        }
        if (classAggregation == null || n == 0) {
            return adjusted(raw);
        }
        double score;
        if (classAggregation.equals("uniform_average")) {
            score = Arrays.stream(raw).sum() / n;
        } else {
            double weighted = 0;
            for (int c = 0; c < n; c++) {
                weighted += total[c] * raw[c];
            }
            score = weighted / Arrays.stream(total).sum();
        }
        return adjusted(new double[] {score});
    }

    /** Keras's adjusted R2, skipped (as Keras does, with a warning there) when there are too few samples. */
    private double[] adjusted(double[] scores) {
        if (numRegressors == 0 || numRegressors >= samples - 1) {
            return scores;
        }
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = 1.0 - (1.0 - scores[i]) * (samples - 1.0) / (samples - numRegressors - 1.0);
        }
        return out;
    }

    /** @return the aggregated score, or without aggregation the mean of the per-output scores (0 before any update) */
    @Override
    public double result() {
        double[] all = results();
        return all.length == 0 ? 0.0 : Arrays.stream(all).sum() / all.length;
    }

    @Override
    public void reset() {
        allocate(0);
        samples = 0;
    }

    /**
     * @return the label sums, squared label sums, squared error sums and counts per output, then
     *         the number of samples; empty before any update
     */
    @Override
    public double[] state() {
        int n = sum.length;
        if (n == 0) {
            return new double[0];
        }
        double[] s = new double[4 * n + 1];
        System.arraycopy(sum, 0, s, 0, n);
        System.arraycopy(squaredSum, 0, s, n, n);
        System.arraycopy(residual, 0, s, 2 * n, n);
        System.arraycopy(count, 0, s, 3 * n, n);
        s[4 * n] = samples;
        return s;
    }

    @Override
    public void merge(double[] other) {
        if (other.length == 0) {
            return;
        }
        if (sum.length == 0 && other.length % 4 == 1) {
            allocate(other.length / 4);
        }
        int n = sum.length;
        checkState(other, 4 * n + 1);
        for (int c = 0; c < n; c++) {
            sum[c] += other[c];
            squaredSum[c] += other[n + c];
            residual[c] += other[2 * n + c];
            count[c] += other[3 * n + c];
        }
        samples += other[4 * n];
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("class_aggregation", classAggregation).put("num_regressors", numRegressors);
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static R2Score fromConfig(Config config) {
        String aggregation = config.has("class_aggregation") ? config.getString("class_aggregation", null) : "uniform_average";
        return new R2Score(config.getString("name", "r2_score")).classAggregation(aggregation)
                .numRegressors(config.getInt("num_regressors", 0));
    }
}
