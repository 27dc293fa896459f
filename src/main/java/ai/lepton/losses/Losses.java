package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import java.util.List;
import java.util.function.Function;

/**
 * Keras's losses by name, as {@code model.compile(..., loss="mse")} accepts them, and the registry
 * of loss classes a model file may name. Register a loss class of your own so that a model
 * compiled with it saves and loads.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    /** The names {@link #get} accepts besides the registered class names. */
    public static final List<String> NAMES = List.of("categorical_crossentropy", "sparse_categorical_crossentropy",
            "binary_crossentropy", "mse", "mean_squared_error", "mae", "mean_absolute_error", "huber", "log_cosh", "logcosh",
            "kl_divergence", "kld", "poisson", "hinge", "squared_hinge", "categorical_hinge", "msle",
            "mean_squared_logarithmic_error", "mape", "mean_absolute_percentage_error", "cosine_similarity",
            "categorical_focal_crossentropy", "binary_focal_crossentropy");

    private static final Registry<Loss> REGISTRY = new Registry<>("loss");

    static {
        register("CategoricalCrossentropy", CategoricalCrossentropy.class, CategoricalCrossentropy::fromConfig);
        register("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.class, SparseCategoricalCrossentropy::fromConfig);
        register("BinaryCrossentropy", BinaryCrossentropy.class, BinaryCrossentropy::fromConfig);
        register("MeanSquaredError", MeanSquaredError.class, MeanSquaredError::fromConfig);
        register("MeanAbsoluteError", MeanAbsoluteError.class, MeanAbsoluteError::fromConfig);
        register("Huber", Huber.class, Huber::fromConfig);
        register("LogCosh", LogCosh.class, LogCosh::fromConfig);
        register("KLDivergence", KLDivergence.class, KLDivergence::fromConfig);
        register("Poisson", Poisson.class, Poisson::fromConfig);
        register("Hinge", Hinge.class, Hinge::fromConfig);
        register("SquaredHinge", SquaredHinge.class, SquaredHinge::fromConfig);
        register("CategoricalHinge", CategoricalHinge.class, CategoricalHinge::fromConfig);
        register("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError.class, MeanSquaredLogarithmicError::fromConfig);
        register("MeanAbsolutePercentageError", MeanAbsolutePercentageError.class, MeanAbsolutePercentageError::fromConfig);
        register("CosineSimilarity", CosineSimilarity.class, CosineSimilarity::fromConfig);
        register("CategoricalFocalCrossentropy", CategoricalFocalCrossentropy.class, CategoricalFocalCrossentropy::fromConfig);
        register("BinaryFocalCrossentropy", BinaryFocalCrossentropy.class, BinaryFocalCrossentropy::fromConfig);
    }

    private Losses() {
    }

    /**
     * @param name one of {@link #NAMES} or a registered class name (e.g. {@code "MeanSquaredError"})
     * @return a new loss with its default settings
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Unknown loss: null. Expected one of: " + NAMES);
        }
        switch (name) {
            case "categorical_crossentropy":
                return new CategoricalCrossentropy();
            case "sparse_categorical_crossentropy":
                return new SparseCategoricalCrossentropy();
            case "binary_crossentropy":
                return new BinaryCrossentropy();
            case "mse":
            case "mean_squared_error":
                return new MeanSquaredError();
            case "mae":
            case "mean_absolute_error":
                return new MeanAbsoluteError();
            case "huber":
                return new Huber();
            case "log_cosh":
            case "logcosh":
                return new LogCosh();
            case "kl_divergence":
            case "kld":
                return new KLDivergence();
            case "poisson":
                return new Poisson();
            case "hinge":
                return new Hinge();
            case "squared_hinge":
                return new SquaredHinge();
            case "categorical_hinge":
                return new CategoricalHinge();
            case "msle":
            case "mean_squared_logarithmic_error":
                return new MeanSquaredLogarithmicError();
            case "mape":
            case "mean_absolute_percentage_error":
                return new MeanAbsolutePercentageError();
            case "cosine_similarity":
                return new CosineSimilarity();
            case "categorical_focal_crossentropy":
                return new CategoricalFocalCrossentropy();
            case "binary_focal_crossentropy":
                return new BinaryFocalCrossentropy();
            default:
                if (REGISTRY.contains(name)) {
                    return REGISTRY.create(name, Config.of(name));
                }
                throw new IllegalArgumentException("Unknown loss: '" + name + "'. Expected one of: " + NAMES
                        + " or the class name of a loss (see Losses.register)");
        }
    }

    /**
     * Registers a loss class under a name, so that a model file can name it.
     *
     * <pre>{@code
     * Losses.register("my_package>Scaled", ScaledLoss.class, config -> new ScaledLoss(config.getDouble("factor")));
     * }</pre>
     *
     * @param name the name written in files
     * @param type the loss class
     * @param factory rebuilds a loss from the config its {@link Loss#getConfig()} gave
     * @param <L> the loss class
     */
    public static <L extends Loss> void register(String name, Class<L> type, Function<Config, L> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * Rebuilds a loss; Keras's {@code name} is accepted and ignored, and so is the default
     * {@code reduction} when a loss of the user's own does not read it.
     *
     * @param className a registered name
     * @param config the saved settings
     * @return a new loss
     * @throws ConfigException for an unknown name, an invalid setting or a setting left unread
     */
    public static Loss fromConfig(String className, Config config) {
        Loss loss = REGISTRY.create(className, config);
        config.markRead("name");
        if (Loss.SUM_OVER_BATCH_SIZE.equals(config.asMap().get("reduction"))) {
            config.markRead("reduction");
        }
        if (!config.unread().isEmpty()) {
            throw new ConfigException(className + ": unknown settings " + config.unread());
        }
        return loss;
    }

    /**
     * @param loss a loss
     * @return the name its class is registered under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Loss loss) {
        return REGISTRY.nameOf(loss);
    }
}
