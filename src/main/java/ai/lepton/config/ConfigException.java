package ai.lepton.config;

/**
 * A setting that is missing, of the wrong type or out of range when an object is rebuilt from its
 * {@link Config}; the message names the object, the setting and the value received.
 *
 * <pre>{@code
 * try {
 *     Config.of("Dense").put("units", "ten").getInt("units");
 * } catch (ConfigException e) {
 *     System.out.println(e.getMessage());   // Dense: setting 'units' must be an integer. Received: "ten"
 * }
 * }</pre>
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, naming the object and the setting */
    public ConfigException(String message) {
        super(message);
    }
}
