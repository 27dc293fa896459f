package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Scales features as {@code (x - shift) / scale}, per feature, with the shift and scale FITTED on
 * training data only and then applied unchanged to validation and test data (as scikit-learn's
 * scalers and Keras's {@code Normalization.adapt}).
 *
 * <p>A feature is one position of a sample: a column of {@code (n, features)}, a pixel and
 * channel of {@code (n, h, w, c)}. A feature that is constant in the training data is shifted but
 * not divided (its scale is 1), so it cannot produce a division by zero.
 *
 * <pre>{@code
 * Split split = data.split(0.2, 42);
 * Scaler scaler = Scaler.standard().fit(split.train());
 * Dataset train = scaler.transform(split.train());
 * Dataset test = scaler.transform(split.test());   // the training mean and deviation
 * }</pre>
 */
public final class Scaler {
    private enum Kind { DIVIDE, MIN_MAX, STANDARD }

    private final Kind kind;
    /** Null until fitted; length 1 for a constant divisor. */
    private final double[] shift;
    private final double[] scale;

    private Scaler(Kind kind, double[] shift, double[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    /**
     * Divides every feature by a constant, e.g. 255 for pixels; needs no fitting.
     *
     * @param divisor a finite non-zero number
     * @return a scaler that is already fitted
     * @throws IllegalArgumentException if the divisor is zero or not finite
     */
    public static Scaler divideBy(double divisor) {
        if (divisor == 0 || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("Scaler.divideBy: divisor must be finite and non-zero. Received: "
                    + "divisor=" + divisor);
        }
        return new Scaler(Kind.DIVIDE, new double[] {0}, new double[] {divisor});
    }

    /**
     * Min-max scaling: {@code (x - min) / (max - min)}, mapping each training feature to {@code [0, 1]}.
     *
     * @return an unfitted scaler; call {@link #fit(Dataset)}
     */
    public static Scaler minMax() {
        return new Scaler(Kind.MIN_MAX, null, null);
    }

    /**
     * Standard scaling: {@code (x - mean) / std} with the population standard deviation, giving
     * each training feature mean 0 and variance 1.
     *
     * @return an unfitted scaler; call {@link #fit(Dataset)}
     */
    public static Scaler standard() {
        return new Scaler(Kind.STANDARD, null, null);
    }

    /**
     * Learns the shift and scale of each feature from training inputs.
     *
     * @param train the training data; only {@code x} is used (not modified)
     * @return a new fitted scaler (this one is unchanged)
     */
    public Scaler fit(Dataset train) {
        return fit(train.x());
    }

    /**
     * Learns the shift and scale of each feature from training inputs.
     *
     * @param x the training inputs {@code (n, ...)}, with {@code n >= 1} (not modified)
     * @return a new fitted scaler (this one is unchanged)
     * @throws IllegalArgumentException if there are no samples
     */
    public Scaler fit(Tensor x) {
        if (kind == Kind.DIVIDE) {
            return this;
        }
        int[] shape = Storage.shape(x);
        if (shape.length == 0 || shape[0] == 0) {
            throw new IllegalArgumentException("Scaler.fit: need at least one sample. Received: x "
                    + Shapes.format(shape));
        }
        int n = shape[0];
        int features = Shapes.product(shape, 1, shape.length);
        double[] data = Storage.data(x);
        double[] newShift = new double[features];
        double[] newScale = new double[features];
        if (kind == Kind.MIN_MAX) {
            double[] max = new double[features];
            Arrays.fill(newShift, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < features; j++) {
                    double v = data[i * features + j];
                    newShift[j] = Math.min(newShift[j], v);
                    max[j] = Math.max(max[j], v);
                }
            }
            for (int j = 0; j < features; j++) {
                newScale[j] = nonZero(max[j] - newShift[j]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < features; j++) {
                    newShift[j] += data[i * features + j];
                }
            }
            for (int j = 0; j < features; j++) {
                newShift[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < features; j++) {
                    double d = data[i * features + j] - newShift[j];
                    newScale[j] += d * d;
                }
            }
            for (int j = 0; j < features; j++) {
                newScale[j] = nonZero(Math.sqrt(newScale[j] / n));
            }
        }
        return new Scaler(kind, newShift, newScale);
    }

    /**
     * @return whether {@link #transform(Tensor)} can be used
     */
    public boolean isFitted() {
        return shift != null;
    }

    /**
     * Scales inputs with the fitted shift and scale.
     *
     * @param x inputs {@code (m, ...)} with the same per-sample size as the training inputs (not modified)
     * @return a new tensor of the same shape
     * @throws IllegalStateException if the scaler has not been fitted
     * @throws IllegalArgumentException if the per-sample size differs from the one fitted
     */
    public Tensor transform(Tensor x) {
        if (!isFitted()) {
            throw new IllegalStateException("Scaler." + kind + ": call fit(train) before transform");
        }
        int[] shape = Storage.shape(x);
        int features = Shapes.product(shape, 1, shape.length);
        if (shift.length != 1 && features != shift.length) {
            throw new IllegalArgumentException("Scaler.transform: fitted on samples of " + shift.length
                    + " features, but x " + Shapes.format(shape) + " has " + features + " per sample");
        }
        double[] in = Storage.data(x);
        double[] out = new double[in.length];
        int period = shift.length;
        for (int i = 0; i < in.length; i++) {
            int j = i % period;
            out[i] = (in[i] - shift[j]) / scale[j];
        }
        return Storage.wrap(out, shape);
    }

    /**
     * Scales a dataset's inputs; its targets and class names stay as they are.
     *
     * @param data the data to scale (not modified)
     * @return a new dataset
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public Dataset transform(Dataset data) {
        return Dataset.of(transform(data.x()), data.y(), data.classNames());
    }

    @Override
    public String toString() {
        return "Scaler(" + kind + (isFitted() ? ", " + shift.length + " features" : ", not fitted") + ")";
    }

    private static double nonZero(double range) {
        return range == 0 ? 1 : range;
    }
}
