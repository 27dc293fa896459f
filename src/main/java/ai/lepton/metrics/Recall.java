package ai.lepton.metrics;

/**
 * The fraction of positive labels that were predicted positive, {@code TP / (TP + FN)}, for
 * yes/no outputs thresholded at 0.5; 0 when there were no positive labels.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
 * }</pre>
 */
public final class Recall extends BinaryCounts {
    /** Named {@code recall}. */
    public Recall() {
        super("recall");
    }

    @Override
    public double result() {
        return ratio(truePositives(), truePositives() + falseNegatives());
    }
}
