package ai.lepton.layers;

import ai.lepton.tensor.Shapes;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keras's named initializers. Fans follow Keras: for a kernel of shape {@code (..., in, out)}
 * the receptive field is the product of the leading dimensions, {@code fanIn = in * receptive}
 * and {@code fanOut = out * receptive}.
 *
 * <ul>
 * <li>{@code glorot_uniform}: U(-l, l), {@code l = sqrt(6 / (fanIn + fanOut))} (Keras's default kernel)</li>
 * <li>{@code glorot_normal}: truncated normal, stddev {@code sqrt(2 / (fanIn + fanOut))}</li>
 * <li>{@code he_uniform}: U(-l, l), {@code l = sqrt(6 / fanIn)}</li>
 * <li>{@code he_normal}: truncated normal, stddev {@code sqrt(2 / fanIn)}</li>
 * <li>{@code lecun_uniform}: U(-l, l), {@code l = sqrt(3 / fanIn)}</li>
 * <li>{@code lecun_normal}: truncated normal, stddev {@code sqrt(1 / fanIn)} (for {@code selu} networks)</li>
 * <li>{@code zeros} (Keras's default bias), {@code ones}</li>
 * </ul>
 * The truncated normals redraw samples beyond two standard deviations, as Keras does.
 *
 * <pre>{@code
 * Initializer he = Initializers.get("he_normal");
 * }</pre>
 */
public final class Initializers {
    /** The names {@link #get} accepts. */
    public static final List<String> NAMES =
            List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "zeros", "ones");

    /** Keras divides the stddev by this so that the truncated distribution has the intended spread. */
    private static final double TRUNCATION_CORRECTION = 0.87962566103423978;

    private Initializers() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @return the initializer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer get(String name) {
        switch (name) {
            case "glorot_uniform":
                return (shape, random) -> uniform(shape, random, Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))));
            case "glorot_normal":
                return (shape, random) -> truncatedNormal(shape, random, Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
            case "he_uniform":
                return (shape, random) -> uniform(shape, random, Math.sqrt(6.0 / fanIn(shape)));
            case "he_normal":
                return (shape, random) -> truncatedNormal(shape, random, Math.sqrt(2.0 / fanIn(shape)));
            case "lecun_uniform":
                return (shape, random) -> uniform(shape, random, Math.sqrt(3.0 / fanIn(shape)));
            case "lecun_normal":
                return (shape, random) -> truncatedNormal(shape, random, Math.sqrt(1.0 / fanIn(shape)));
            case "zeros":
                return (shape, random) -> new double[Shapes.size(shape)];
            case "ones":
                return (shape, random) -> {
                    double[] values = new double[Shapes.size(shape)];
                    Arrays.fill(values, 1.0);
                    return values;
                };
            default:
                throw new IllegalArgumentException("Unknown initializer: '" + name + "'. Expected one of: " + NAMES);
        }
    }

    static double fanIn(int[] shape) {
        if (shape.length == 1) {
            return shape[0];
        }
        return (double) shape[shape.length - 2] * Shapes.product(shape, 0, shape.length - 2);
    }

    static double fanOut(int[] shape) {
        return (double) shape[shape.length - 1] * Shapes.product(shape, 0, Math.max(0, shape.length - 2));
    }

    private static double[] uniform(int[] shape, SplittableRandom random, double limit) {
        double[] values = new double[Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * limit;
        }
        return values;
    }

    private static double[] truncatedNormal(int[] shape, SplittableRandom random, double stddev) {
        double scale = stddev / TRUNCATION_CORRECTION;
        double[] values = new double[Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
            } while (Math.abs(z) > 2.0);
            values[i] = z * scale;
        }
        return values;
    }
}
