package ai.lepton.io;

/**
 * Thrown when a file is not a model file Lepton can load: truncated or corrupt, an entry missing
 * or duplicated, weights of the wrong count or shape, an unknown layer type, a newer format
 * version, absurd declared sizes, or unsafe entry names. It is the one exception that loading
 * throws for bad content; the message names the file and what was wrong.
 *
 * <pre>{@code
 * try {
 *     Sequential model = Sequential.load(Path.of("model.lepton"));
 * } catch (ModelFormatException e) {
 *     System.err.println("Cannot load: " + e.getMessage());
 * }
 * }</pre>
 */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the file
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, naming the file
     * @param cause the lower-level failure
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
