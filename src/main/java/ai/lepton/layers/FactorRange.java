package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The range an augmentation layer draws a factor from, given as Keras takes it: one number
 * {@code f} for {@code [-|f|, |f|]}, or a pair {@code (lower, upper)} (sorted). It remembers which
 * form it was given, so that the config writes it back the same way.
 *
 * @param lower the smallest value
 * @param upper the largest value
 * @param scalar whether it was given as one number
 */
record FactorRange(double lower, double upper, boolean scalar) {
    /**
     * @param f a number
     * @return {@code [-|f|, |f|]}
     */
    static FactorRange of(double f) {
        return new FactorRange(-Math.abs(f), Math.abs(f), true);
    }

    /**
     * @param a one end
     * @param b the other end
     * @return {@code [min(a, b), max(a, b)]}
     */
    static FactorRange of(double a, double b) {
        return new FactorRange(Math.min(a, b), Math.max(a, b), false);
    }

    /**
     * Reads a number or a pair of numbers.
     *
     * @param config the settings
     * @param key the setting
     * @return the range
     * @throws ConfigException for another form
     */
    static FactorRange fromConfig(Config config, String key) {
        double[] v = config.getDoubles(key);
        if (v.length == 1 && !(config.get(key) instanceof List<?>) && !(config.get(key) instanceof double[])) {
            return of(v[0]);
        }
        if (v.length != 2) {
            throw new ConfigException(config.owner() + ": setting '" + key + "' must be a number or a pair of numbers. Received: "
                    + config.get(key));
        }
        return of(v[0], v[1]);
    }

    /** @return the config value: the number, or {@code [lower, upper]} */
    Object configValue() {
        return scalar ? (Object) upper : new double[] {lower, upper};
    }

    /**
     * @param random the generator
     * @return a uniform draw from {@code [lower, upper)} ({@code lower} when the range is empty)
     */
    double draw(SplittableRandom random) {
        return lower + (upper - lower) * random.nextDouble();
    }

    /**
     * Checks that every number given lies in {@code [min, max]} (or {@code (min, max]}).
     *
     * @param layer the layer's class name, for the message
     * @param setting the setting's Keras name
     * @param min the smallest allowed value
     * @param minOpen whether {@code min} itself is excluded
     * @param max the largest allowed value
     * @param given the numbers given
     * @throws IllegalArgumentException echoing them otherwise
     */
    static void requireWithin(String layer, String setting, double min, boolean minOpen, double max, double... given) {
        for (double v : given) {
            if (!(minOpen ? v > min : v >= min) || !(v <= max)) {
                throw new IllegalArgumentException(layer + ": " + setting + " must be a number or a pair of numbers in "
                        + (minOpen ? "(" : "[") + min + ", " + max + "]. Received: " + setting + "="
                        + (given.length == 1 ? String.valueOf(given[0]) : java.util.Arrays.toString(given)));
            }
        }
    }
}
