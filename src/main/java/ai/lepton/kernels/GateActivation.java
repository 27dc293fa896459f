package ai.lepton.kernels;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The activations a fused recurrent cell applies to its gates and candidate state, each applied
 * in place to a run of values and differentiated from its output alone, so that a cell keeps one
 * array per gate for its backward pass. The names are Keras's; the logistic function and tanh run
 * in {@link GateLoops}.
 *
 * <pre>{@code
 * GateActivation sigmoid = GateActivation.of("sigmoid");
 * double[] z = {-1, 0, 2};
 * double[] g = {1, 1, 1};
 * sigmoid.apply(z, 0, z.length);                   // z = 1 / (1 + e^-z)
 * sigmoid.scaleByDerivative(z, 0, g, 0, z.length);  // g *= z (1 - z): {0.197, 0.25, 0.105}
 * }</pre>
 */
public enum GateActivation {
    /** {@code y = x}. */
    LINEAR,
    /** {@code y = max(x, 0)}. */
    RELU,
    /** {@code y = 1 / (1 + e^-x)}. */
    SIGMOID,
    /** Keras 3's {@code y = relu6(x + 3) / 6}, i.e. {@code clip(x / 6 + 1/2, 0, 1)}. */
    HARD_SIGMOID,
    /** {@code y = tanh x}. */
    TANH,
    /** {@code y = x / (1 + |x|)}. */
    SOFTSIGN;

    /** The Keras names, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(GateActivation::kerasName).toList();

    /** @return the Keras name, e.g. {@code hard_sigmoid} */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param kerasName an activation's Keras name
     * @return the activation, or {@code null} if a fused cell cannot apply it
     */
    public static GateActivation of(String kerasName) {
        for (GateActivation a : values()) {
            if (a.kerasName().equals(kerasName)) {
                return a;
            }
        }
        return null;
    }

    /**
     * Applies the activation in place.
     *
     * @param v the values (modified)
     * @param off the first index
     * @param n how many
     */
    public void apply(double[] v, int off, int n) {
        int end = off + n;
        switch (this) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = off; i < end; i++) {
                    v[i] = Math.max(v[i], 0.0);
                }
            }
            case SIGMOID -> GateLoops.SELECTED.sigmoid(v, off, n);
            case HARD_SIGMOID -> {
                for (int i = off; i < end; i++) {
                    v[i] = Math.min(Math.max(v[i] + 3.0, 0.0), 6.0) / 6.0;
                }
            }
            case TANH -> GateLoops.SELECTED.tanh(v, off, n);
            case SOFTSIGN -> {
                for (int i = off; i < end; i++) {
                    v[i] = v[i] / (1.0 + Math.abs(v[i]));
                }
            }
        }
    }

    /**
     * Multiplies gradients by the activation's derivative, written in terms of its output:
     * {@code g[i] *= f'(x)} where {@code y[i] = f(x)}.
     *
     * @param y the activation's outputs (not modified)
     * @param yOff the first output's index
     * @param g the gradients with respect to the outputs (modified: they become gradients with
     *        respect to the inputs)
     * @param gOff the first gradient's index
     * @param n how many
     */
    public void scaleByDerivative(double[] y, int yOff, double[] g, int gOff, int n) {
        switch (this) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    g[gOff + i] = y[yOff + i] > 0 ? g[gOff + i] : 0.0;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = y[yOff + i];
                    g[gOff + i] *= s * (1.0 - s);
                }
            }
            case HARD_SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = y[yOff + i];
                    g[gOff + i] = s > 0 && s < 1 ? g[gOff + i] / 6.0 : 0.0;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = y[yOff + i];
                    g[gOff + i] *= 1.0 - t * t;
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    double d = 1.0 - Math.abs(y[yOff + i]);
                    g[gOff + i] *= d * d;
                }
            }
        }
    }

    /**
     * The derivative at one output, for loops that fuse it with other arithmetic.
     *
     * @param y an output of the activation
     * @return {@code f'(x)} where {@code y = f(x)}
     */
    public double derivative(double y) {
        return switch (this) {
            case LINEAR -> 1.0;
            case RELU -> y > 0 ? 1.0 : 0.0;
            case SIGMOID -> y * (1.0 - y);
            case HARD_SIGMOID -> y > 0 && y < 1 ? 1.0 / 6.0 : 0.0;
            case TANH -> 1.0 - y * y;
            case SOFTSIGN -> (1.0 - Math.abs(y)) * (1.0 - Math.abs(y));
        };
    }
}
