package ai.lepton.metrics;

import ai.lepton.losses.Losses;
import java.util.List;

/**
 * Keras's metrics by name, resolving {@code "accuracy"} as Keras does from the shapes of the
 * labels and the predictions:
 * <ul>
 * <li>one output column: {@link BinaryAccuracy} (threshold 0.5);</li>
 * <li>otherwise, labels of lower rank than the predictions or with one column (class indices):
 *     {@link SparseCategoricalAccuracy};</li>
 * <li>otherwise (one-hot labels): {@link CategoricalAccuracy}.</li>
 * </ul>
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy", new int[] {32}, new int[] {32, 10});   // sparse categorical
 * }</pre>
 */
public final class Metrics {
    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "categorical_accuracy",
            "sparse_categorical_accuracy", "binary_accuracy", "precision", "recall", "mse", "mean_squared_error",
            "mae", "mean_absolute_error");

    private Metrics() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param yTrueShape the labels' shape, batch included (not modified)
     * @param yPredShape the predictions' shape, batch included (not modified)
     * @return a new metric reported under {@code name}
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name, int[] yTrueShape, int[] yPredShape) {
        if (name == null) {
            throw new IllegalArgumentException("Unknown metric: null. Expected one of: " + NAMES);
        }
        switch (name) {
            case "accuracy":
            case "acc":
                return accuracy(name, yTrueShape, yPredShape);
            case "categorical_accuracy":
                return new CategoricalAccuracy(name);
            case "sparse_categorical_accuracy":
                return new SparseCategoricalAccuracy(name);
            case "binary_accuracy":
                return new BinaryAccuracy(name, 0.5);
            case "precision":
                return new Precision();
            case "recall":
                return new Recall();
            case "mse":
            case "mean_squared_error":
            case "mae":
            case "mean_absolute_error":
                return new LossMetric(name, Losses.get(name));
            default:
                throw new IllegalArgumentException("Unknown metric: '" + name + "'. Expected one of: " + NAMES);
        }
    }

    private static Metric accuracy(String name, int[] yTrueShape, int[] yPredShape) {
        int columns = yPredShape.length < 2 ? 1 : yPredShape[yPredShape.length - 1];
        if (columns == 1) {
            return new BinaryAccuracy(name, 0.5);
        }
        boolean classIndices = yTrueShape.length < yPredShape.length || yTrueShape[yTrueShape.length - 1] == 1;
        return classIndices ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }
}
