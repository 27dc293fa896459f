package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import ai.lepton.losses.Losses;
import ai.lepton.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keras's metrics by name, and the registry of metric classes. {@code "accuracy"} is resolved as
 * Keras does from the shapes of the labels and the predictions:
 * <ul>
 * <li>one output column: {@link BinaryAccuracy} (threshold 0.5);</li>
 * <li>otherwise, labels of lower rank than the predictions or with one column (class indices):
 *     {@link SparseCategoricalAccuracy};</li>
 * <li>otherwise (one-hot labels): {@link CategoricalAccuracy}.</li>
 * </ul>
 * So is {@code "mean_iou"}: {@link MeanIoU} over the predictions' classes (their last axis), from
 * their largest value, with labels read as class indices or one-hot rows by their shape. The names
 * of Keras's loss functions ({@code "mse"}, {@code "binary_crossentropy"}, {@code "kld"}, ...) give
 * the loss's mean over the examples ({@link LossMetric}).
 *
 * <p>Every metric class is registered under its class name with the factory that rebuilds it from
 * its {@link Metric#getConfig() config} ({@link #fromConfig}); a model makes its fresh copy of a
 * metric object given to {@code compile} that way ({@link #copyOf}). Metric classes of your own
 * are registered under a name ({@link #register}); a model compiled with that name, or with such a
 * metric object, then trains, evaluates, saves and loads like one using Keras's.
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy", new int[] {32}, new int[] {32, 10});   // sparse categorical
 * Metric auc = Metrics.get("auc", new int[] {32, 1}, new int[] {32, 1});
 * }</pre>
 */
public final class Metrics {
    /** The built-in names {@link #get} accepts besides the registered class names. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "categorical_accuracy",
            "sparse_categorical_accuracy", "binary_accuracy", "precision", "recall", "auc", "top_k_categorical_accuracy",
            "sparse_top_k_categorical_accuracy", "f1_score", "fbeta_score", "f_beta_score", "root_mean_squared_error",
            "r2_score", "mean_iou", "mean_io_u", "mse", "mean_squared_error", "mae", "mean_absolute_error", "mape",
            "mean_absolute_percentage_error", "msle", "mean_squared_logarithmic_error", "kl_divergence", "kld", "poisson",
            "hinge", "squared_hinge", "categorical_hinge", "binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy");

    private static final Registry<Metric> REGISTRY = new Registry<>("metric");
    private static final Set<String> CLASS_NAMES = Set.of("BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
            "Precision", "Recall", "AUC", "TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy", "F1Score", "FBetaScore",
            "RootMeanSquaredError", "R2Score", "MeanIoU", "LossMetric");

    static {
        REGISTRY.register("BinaryAccuracy", BinaryAccuracy.class, BinaryAccuracy::fromConfig);
        REGISTRY.register("CategoricalAccuracy", CategoricalAccuracy.class, CategoricalAccuracy::fromConfig);
        REGISTRY.register("SparseCategoricalAccuracy", SparseCategoricalAccuracy.class, SparseCategoricalAccuracy::fromConfig);
        REGISTRY.register("Precision", Precision.class, Precision::fromConfig);
        REGISTRY.register("Recall", Recall.class, Recall::fromConfig);
        REGISTRY.register("AUC", AUC.class, AUC::fromConfig);
        REGISTRY.register("TopKCategoricalAccuracy", TopKCategoricalAccuracy.class, TopKCategoricalAccuracy::fromConfig);
        REGISTRY.register("SparseTopKCategoricalAccuracy", SparseTopKCategoricalAccuracy.class,
                SparseTopKCategoricalAccuracy::fromConfig);
        REGISTRY.register("F1Score", F1Score.class, F1Score::fromConfig);
        REGISTRY.register("FBetaScore", FBetaScore.class, FBetaScore::fromConfig);
        REGISTRY.register("RootMeanSquaredError", RootMeanSquaredError.class, RootMeanSquaredError::fromConfig);
        REGISTRY.register("R2Score", R2Score.class, R2Score::fromConfig);
        REGISTRY.register("MeanIoU", MeanIoU.class, MeanIoU::fromConfig);
        REGISTRY.register("LossMetric", LossMetric.class, LossMetric::fromConfig);
    }

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
     * @param factory makes a new metric from the config its {@link Metric#getConfig()} gave
     *                (by name in {@code compile}, a config holding only {@code name})
     * @param <M> the metric class
     * @throws IllegalArgumentException if the name is a built-in one
     */
    public static <M extends Metric> void register(String name, Class<M> type, Function<Config, M> factory) {
        if (NAMES.contains(name) || CLASS_NAMES.contains(name)) {
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
     * @return a new metric reported under {@code name}, with its default settings
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
                return new Precision(name);
            case "recall":
                return new Recall(name);
            case "auc":
                return new AUC(name);
            case "top_k_categorical_accuracy":
                return new TopKCategoricalAccuracy(name, 5);
            case "sparse_top_k_categorical_accuracy":
                return new SparseTopKCategoricalAccuracy(name, 5);
            case "f1_score":
                return new F1Score(name);
            case "fbeta_score":
            case "f_beta_score":
                return new FBetaScore(name, 1.0);
            case "root_mean_squared_error":
                return new RootMeanSquaredError(name);
            case "r2_score":
                return new R2Score(name);
            case "mean_iou":
            case "mean_io_u":
                return meanIoU(name, yTrueShape, yPredShape);
            default:
                if (Losses.NAMES.contains(name)) {
                    return new LossMetric(name, Losses.get(name));
                }
                return REGISTRY.create(name, CLASS_NAMES.contains(name) ? Config.of(name) : Config.of(name).put("name", name));
        }
    }

    private static Metric accuracy(String name, int[] yTrueShape, int[] yPredShape) {
        int columns = yPredShape.length < 2 ? 1 : yPredShape[yPredShape.length - 1];
        if (columns == 1) {
            return new BinaryAccuracy(name, 0.5);
        }
        return classIndices(yTrueShape, yPredShape) ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }

    private static boolean classIndices(int[] yTrueShape, int[] yPredShape) {
        return yTrueShape.length < yPredShape.length || yTrueShape[yTrueShape.length - 1] == 1;
    }

    private static Metric meanIoU(String name, int[] yTrueShape, int[] yPredShape) {
        int classes = yPredShape.length < 2 ? 1 : yPredShape[yPredShape.length - 1];
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": by name, mean IoU needs predictions with one column per class; "
                    + "received predictions of shape " + Shapes.format(yPredShape)
                    + ". Give compile a MeanIoU object, e.g. new MeanIoU(2) for class indices");
        }
        return new MeanIoU(name, classes).sparseYTrue(classIndices(yTrueShape, yPredShape)).sparseYPred(false);
    }

    /**
     * Rebuilds a metric; Keras's {@code dtype} is accepted and ignored.
     *
     * @param className a registered name
     * @param config the saved settings
     * @return a new metric
     * @throws ConfigException for an unknown name, an invalid setting or a setting left unread
     */
    public static Metric fromConfig(String className, Config config) {
        Metric metric = REGISTRY.create(className, config);
        config.markRead("name", "dtype");
        if (!config.unread().isEmpty()) {
            throw new ConfigException(className + ": unknown settings " + config.unread());
        }
        return metric;
    }

    /**
     * @param metric a metric
     * @return the name its class is registered under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Metric metric) {
        return REGISTRY.nameOf(metric);
    }

    /**
     * A new metric with the same settings and no counts, through the registry.
     *
     * <pre>{@code
     * Metric fresh = Metrics.copyOf(new AUC().curve("PR"));
     * }</pre>
     *
     * @param metric a metric of a registered class (not modified)
     * @return a fresh copy
     * @throws IllegalArgumentException if its class is not registered, saying how to register it
     */
    public static Metric copyOf(Metric metric) {
        if (!REGISTRY.isRegistered(metric)) {
            throw new IllegalArgumentException("the metric '" + metric.name() + "' (" + metric.getClass().getName()
                    + ") cannot be copied: register its class with Metrics.register(name, class, factory) so that a model can "
                    + "make a fresh one for every evaluation and save it");
        }
        return fromConfig(nameOf(metric), metric.getConfig());
    }
}
