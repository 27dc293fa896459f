package ai.lepton.metrics;

/**
 * The base of metrics that are a mean over examples (the accuracies, losses used as metrics):
 * a subclass adds each batch's sum and example count, and the result is
 * {@code sum of values / number of examples} over every batch since the last reset.
 */
public abstract class MeanMetric extends Metric {
    private double total;
    private double count;

    /** @param name the key the metric is reported under */
    protected MeanMetric(String name) {
        super(name);
    }

    /**
     * Adds a batch's contribution.
     *
     * @param sum the sum of the per-example values in the batch
     * @param examples how many examples the sum covers
     */
    protected final void accumulate(double sum, double examples) {
        total += sum;
        count += examples;
    }

    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public final void reset() {
        total = 0;
        count = 0;
    }

    /** @return {@code {sum of values, number of examples}} */
    @Override
    public final double[] state() {
        return new double[] {total, count};
    }

    @Override
    public final void merge(double[] other) {
        checkState(other, 2);
        total += other[0];
        count += other[1];
    }
}
