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
 * <li>{@code orthogonal}: the Q of a QR decomposition of a standard normal matrix, each column
 * multiplied by the sign of R's diagonal entry, transposed when the kernel has fewer rows than
 * columns (Keras's default recurrent kernel; see {@link #orthogonal})</li>
 * <li>{@code uniform}: U(-0.05, 0.05) (Keras's {@code RandomUniform}, the default for embeddings)</li>
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
            List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal",
                    "orthogonal", "uniform", "zeros", "ones");

    /** Keras's {@code RandomUniform} draws from U(-0.05, 0.05) by default. */
    private static final double UNIFORM_LIMIT = 0.05;

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
            case "orthogonal":
                return Initializers::orthogonal;
            case "uniform":
                return (shape, random) -> uniform(shape, random, UNIFORM_LIMIT);
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

    /**
     * Keras's {@code Orthogonal} initializer (gain 1): with {@code rows} the product of all but
     * the last dimension and {@code cols} the last, a {@code (max, min)} matrix of standard normal
     * draws is factored as {@code A = QR} (Householder reflections, Q with orthonormal columns);
     * Q's column j is multiplied by the sign of {@code R[j][j]}, which makes the factorization
     * unique, and Q is transposed when {@code rows < cols}. The result has orthonormal columns, or
     * orthonormal rows when it is wide.
     *
     * <pre>{@code
     * double[] r = Initializers.orthogonal(new int[] {64, 256}, new SplittableRandom(0));   // rows orthonormal
     * }</pre>
     *
     * @param shape the weight's dimensions, at least two
     * @param random the seeded random source (advanced)
     * @return the values, row-major
     * @throws IllegalArgumentException if the shape has fewer than two dimensions
     */
    public static double[] orthogonal(int[] shape, SplittableRandom random) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("orthogonal: the weight must have at least two dimensions. Received: shape="
                    + Shapes.format(shape));
        }
        int rows = Shapes.product(shape, 0, shape.length - 1);
        int cols = shape[shape.length - 1];
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = gaussian(random);
        }
        double[] q = Householder.orthonormalFactor(a, m, n);
        if (rows >= cols) {
            return q;
        }
        double[] t = new double[q.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = q[i * n + j];
            }
        }
        return t;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    private static double[] truncatedNormal(int[] shape, SplittableRandom random, double stddev) {
        double scale = stddev / TRUNCATION_CORRECTION;
        double[] values = new double[Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = gaussian(random);
            } while (Math.abs(z) > 2.0);
            values[i] = z * scale;
        }
        return values;
    }
}
