package ai.lepton.optimizers;

import java.util.List;
import java.util.Locale;

/**
 * Keras's optimizers by name, with their default settings, as {@code model.compile("adam", ...)}
 * accepts them.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");
 * }</pre>
 */
public final class Optimizers {
    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("sgd", "adam", "rmsprop");

    private Optimizers() {
    }

    /**
     * @param name one of {@link #NAMES}, in any case
     * @return a new optimizer with Keras's defaults
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "sgd":
                return new SGD();
            case "adam":
                return new Adam();
            case "rmsprop":
                return new RMSprop();
            default:
                throw new IllegalArgumentException("Unknown optimizer: '" + name + "'. Expected one of: " + NAMES);
        }
    }
}
