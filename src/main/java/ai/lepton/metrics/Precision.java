package ai.lepton.metrics;

/**
 * The fraction of positive predictions that are right, {@code TP / (TP + FP)}, for yes/no
 * outputs thresholded at 0.5; 0 when nothing was predicted positive.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
 * }</pre>
 */
public final class Precision extends BinaryCounts {
    /** Named {@code precision}. */
    public Precision() {
        super("precision");
    }

    @Override
    public double result() {
        return ratio(truePositives(), truePositives() + falsePositives());
    }
}
