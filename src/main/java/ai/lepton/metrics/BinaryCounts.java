package ai.lepton.metrics;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The base of {@link Precision} and {@link Recall}: counts true positives, false positives and
 * false negatives over all elements, a prediction counting as positive above 0.5 (Keras's
 * default threshold) and a label as positive when it is 1.
 */
public abstract class BinaryCounts extends Metric {
    private static final double THRESHOLD = 0.5;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;

    /** @param name the key the metric is reported under */
    protected BinaryCounts(String name) {
        super(name);
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        if (yTrue.size() != yPred.size()) {
            throw new ShapeException(name() + ": expected labels with the predictions' shape, received labels "
                    + Shapes.format(Storage.shape(yTrue)) + " and predictions " + Shapes.format(Storage.shape(yPred)));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        for (int i = 0; i < q.length; i++) {
            boolean predicted = q[i] > THRESHOLD;
            boolean actual = y[i] == 1.0;
            if (predicted && actual) {
                truePositives++;
            } else if (predicted) {
                falsePositives++;
            } else if (actual) {
                falseNegatives++;
            }
        }
    }

    @Override
    public final void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    /** @return {@code {true positives, false positives, false negatives}} */
    @Override
    public final double[] state() {
        return new double[] {truePositives, falsePositives, falseNegatives};
    }

    @Override
    public final void merge(double[] other) {
        checkState(other, 3);
        truePositives += (long) other[0];
        falsePositives += (long) other[1];
        falseNegatives += (long) other[2];
    }

    /** @return the true positives so far */
    public final long truePositives() {
        return truePositives;
    }

    /** @return the false positives so far */
    public final long falsePositives() {
        return falsePositives;
    }

    /** @return the false negatives so far */
    public final long falseNegatives() {
        return falseNegatives;
    }

    /**
     * @param numerator a count
     * @param denominator a count
     * @return their ratio, or 0 when the denominator is 0 (Keras's {@code divide_no_nan})
     */
    protected static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
