package ai.lepton.models;

import ai.lepton.autograd.NoGrad;
import ai.lepton.data.Batch;
import ai.lepton.metrics.Metric;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running values of one epoch (or one evaluation): the mean loss (the total, and each
 * output's when the model has several) and the compiled metrics, each batch weighted by its size,
 * under Keras's log keys ({@code loss}, {@code accuracy}, {@code dense_1_loss},
 * {@code dense_1_accuracy}, ...).
 *
 * <p>{@link Model#computeLoss} adds each batch. Logs filled on parts of the data (on several
 * machines, say) combine exactly: {@link #state()} is a list of sums and counts, and
 * {@link #merge} adds another part's.
 *
 * <pre>{@code
 * EpochLogs logs = model.newLogs(batches.epoch(0).next());
 * for (Batch b : batches) {
 *     model.computeLoss(b, false, logs);
 * }
 * Map<String, Double> values = logs.values();   // {"accuracy": 0.91, "loss": 0.25}
 * }</pre>
 */
public final class EpochLogs {
    private final List<String> outputNames;
    private final List<String> metricKeys;
    private final List<Integer> metricOutput;
    private final List<Metric> metrics;
    private double lossSum;
    private final double[] outputLossSums;
    private long examples;

    /**
     * @param outputNames the model's output names (per-output keys are used when there are several)
     * @param metricKeys each metric's log key
     * @param metricOutput the output each metric watches
     * @param metrics the metrics, new
     */
    EpochLogs(List<String> outputNames, List<String> metricKeys, List<Integer> metricOutput, List<Metric> metrics) {
        this.outputNames = List.copyOf(outputNames);
        this.metricKeys = List.copyOf(metricKeys);
        this.metricOutput = List.copyOf(metricOutput);
        this.metrics = List.copyOf(metrics);
        this.outputLossSums = new double[outputNames.size()];
    }

    /**
     * Adds one batch's losses.
     *
     * @param total the batch's mean total loss
     * @param perOutput each output's mean loss (the total when there is one output)
     * @param count the batch's examples
     */
    void addLosses(double total, double[] perOutput, int count) {
        lossSum += total * count;
        for (int i = 0; i < perOutput.length; i++) {
            outputLossSums[i] += perOutput[i] * count;
        }
        examples += count;
    }

    /**
     * Updates the metrics with one batch, without recording gradients.
     *
     * @param ys the labels, one per output
     * @param predictions the model's outputs
     */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    void updateMetrics(List<Tensor> ys, List<Tensor> predictions) {
        if (metrics.isEmpty()) {
            return;
        }
        try (NoGrad g = NoGrad.enter()) {
            for (int m = 0; m < metrics.size(); m++) {
                int out = metricOutput.get(m);
                metrics.get(m).update(ys.get(out), predictions.get(out));
            }
        }
    }

    /** @return the number of examples added so far */
    public long examples() {
        return examples;
    }

    /**
     * The running means: {@code loss}, each output's {@code <output>_loss} when there are several
     * outputs, and every metric under its key.
     *
     * @return a new sorted map
     */
    public Map<String, Double> values() {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossSum / examples);
        if (outputNames.size() > 1) {
            for (int i = 0; i < outputNames.size(); i++) {
                logs.put(outputNames.get(i) + "_loss", outputLossSums[i] / examples);
            }
        }
        for (int m = 0; m < metrics.size(); m++) {
            logs.put(metricKeys.get(m), metrics.get(m).result());
        }
        return logs;
    }

    /**
     * The sums behind the values: the loss sums, the example count and every metric's state, in a
     * fixed order.
     *
     * @return a new array
     */
    public double[] state() {
        List<double[]> parts = new ArrayList<>();
        double[] losses = new double[outputLossSums.length + 2];
        losses[0] = lossSum;
        losses[1] = examples;
        System.arraycopy(outputLossSums, 0, losses, 2, outputLossSums.length);
        parts.add(losses);
        for (Metric m : metrics) {
            double[] s = m.state();
            parts.add(new double[] {s.length});
            parts.add(s);
        }
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * Adds the sums of logs filled elsewhere (by the same model's {@link Model#newLogs(Batch)}).
     *
     * @param other another part's {@link #state()} (not modified)
     * @throws IllegalArgumentException if it does not come from logs of the same shape
     */
    public void merge(double[] other) {
        int at = outputLossSums.length + 2;
        if (other.length < at) {
            throw new IllegalArgumentException("EpochLogs.merge: a state of " + other.length + " values is too short");
        }
        lossSum += other[0];
        examples += (long) other[1];
        for (int i = 0; i < outputLossSums.length; i++) {
            outputLossSums[i] += other[2 + i];
        }
        for (Metric m : metrics) {
            int length = (int) other[at];
            m.merge(Arrays.copyOfRange(other, at + 1, at + 1 + length));
            at += 1 + length;
        }
        if (at != other.length) {
            throw new IllegalArgumentException("EpochLogs.merge: the state does not match these logs' metrics " + metricKeys);
        }
    }

    @Override
    public String toString() {
        return "EpochLogs" + values();
    }
}
