package ai.lepton.losses;

import java.util.List;

/**
 * Keras's losses by name, as {@code model.compile(..., loss="mse")} accepts them.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("categorical_crossentropy", "sparse_categorical_crossentropy",
            "binary_crossentropy", "mse", "mean_squared_error", "mae", "mean_absolute_error");

    private Losses() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @return a new loss
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
            default:
                throw new IllegalArgumentException("Unknown loss: '" + name + "'. Expected one of: " + NAMES);
        }
    }
}
