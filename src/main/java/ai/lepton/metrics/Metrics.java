package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.config.Registry;
import ai.lepton.losses.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keras's metrics by name, resolving {@code "accuracy"} as Keras does from the shapes of the
 * labels and the predictions:
 * <ul>
 * <li>one output column: {@link BinaryAccuracy} (threshold 0.5);</li>
 * <li>otherwise, labels of lower rank than the predictions or with one column (class indices):
 *     {@link SparseCategoricalAccuracy};</li>
 * <li>otherwise (one-hot labels): {@link CategoricalAccuracy}.</li>
 * </ul>
 * Metric classes of your own are registered under a name ({@link #register}); a model compiled
 * with that name then trains, evaluates, saves and loads like one using Keras's.
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy", new int[] {32}, new int[] {32, 10});   // sparse categorical
 * }</pre>
 */
public final class Metrics {
    /** The built-in names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "categorical_accuracy",
            "sparse_categorical_accuracy", "binary_accuracy", "precision", "recall", "mse", "mean_squared_error",
            "mae", "mean_absolute_error");

    private static final Registry<Metric> REGISTRY = new Registry<>("metric");

    private Metrics() {
    }

    /**
     * Registers a metric class under the name used in {@code compile}.
     *
     * <pre>{@code
     * Metrics.register("mean_prediction", MeanPrediction.class, config -> new MeanPrediction());
     * model.compile("adam", "mse", "mean_prediction");
     * }</pre>
     *
     * @param name the metric's name in {@code compile} and in model files
     * @param type the metric class
     * @param factory makes a new metric; its config holds {@code name}
     * @param <M> the metric class
     */
    public static <M extends Metric> void register(String name, Class<M> type, Function<Config, M> factory) {
        if (NAMES.contains(name)) {
            throw new IllegalArgumentException("Metrics.register: '" + name + "' is a built-in metric name");
        }
        REGISTRY.register(name, type, factory);
    }

    /** @return every name {@link #get} accepts: the built-in ones, then the registered ones */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(REGISTRY.names());
        return all;
    }

    /**
     * Checks a metric name without making the metric, as {@code compile} does.
     *
     * @param name a metric name
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static void check(String name) {
        if (name == null || !(NAMES.contains(name) || REGISTRY.contains(name))) {
            throw new IllegalArgumentException("Unknown metric: '" + name + "'. Expected one of: " + names());
        }
    }

    /**
     * @param name one of {@link #names()}
     * @param yTrueShape the labels' shape, batch included (not modified)
     * @param yPredShape the predictions' shape, batch included (not modified)
     * @return a new metric reported under {@code name}
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name, int[] yTrueShape, int[] yPredShape) {
        check(name);
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
                return REGISTRY.create(name, Config.of(name).put("name", name));
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
