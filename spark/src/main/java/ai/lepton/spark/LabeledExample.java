package ai.lepton.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training or evaluation example as a Spark record: the features, flat and row-major, and
 * the label (one value for a class index or a regression target, or several, e.g. one-hot). The
 * model's input shape gives the features their shape on the executors, so an image of
 * {@code (28, 28, 1)} is 784 values here.
 *
 * <pre>{@code
 * JavaRDD<LabeledExample> data = sc.parallelize(List.of(
 *         LabeledExample.of(new double[] {0.1, 0.7, 0.2, 0.0}, 2),
 *         LabeledExample.of(new double[] {0.9, 0.0, 0.3, 0.5}, 0)));
 * }</pre>
 */
public final class LabeledExample implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] features;
    private final double[] label;

    private LabeledExample(double[] features, double[] label) {
        this.features = features;
        this.label = label;
    }

    /**
     * @param features the input values, flat and row-major (copied)
     * @param label the label's values, e.g. one class index or a one-hot row (copied)
     * @return the example
     * @throws IllegalArgumentException if either is null or the label is empty
     */
    public static LabeledExample of(double[] features, double... label) {
        if (features == null || label == null || label.length == 0) {
            throw new IllegalArgumentException("LabeledExample: features and a non-empty label are required. Received: "
                    + "features=" + (features == null ? null : features.length + " values") + ", label="
                    + Arrays.toString(label));
        }
        return new LabeledExample(features.clone(), label.clone());
    }

    /** @return a copy of the features */
    public double[] features() {
        return features.clone();
    }

    /** @return a copy of the label */
    public double[] label() {
        return label.clone();
    }

    /** @return the number of feature values */
    public int featureCount() {
        return features.length;
    }

    /** @return the number of label values */
    public int labelCount() {
        return label.length;
    }

    /** Copies the features into {@code dst} at {@code offset}; the executors' batching path, without a copy per call. */
    void copyFeatures(double[] dst, int offset) {
        System.arraycopy(features, 0, dst, offset, features.length);
    }

    /** Copies the label into {@code dst} at {@code offset}. */
    void copyLabel(double[] dst, int offset) {
        System.arraycopy(label, 0, dst, offset, label.length);
    }

    /** @return the first non-finite feature's index, or -1 */
    int firstNonFiniteFeature() {
        return firstNonFinite(features);
    }

    /** @return the first non-finite label value's index, or -1 */
    int firstNonFiniteLabel() {
        return firstNonFinite(label);
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledExample e && Arrays.equals(features, e.features) && Arrays.equals(label, e.label);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(label);
    }

    @Override
    public String toString() {
        return "LabeledExample(" + features.length + " features, label " + Arrays.toString(label) + ")";
    }
}
