package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The root of the mean squared error, Keras's {@code RootMeanSquaredError}:
 * {@code sqrt(mean((p - y)^2))}, the mean taken per example over its elements and then over all
 * examples seen. Labels have the predictions' size, e.g. {@code (batch,)} for {@code (batch, 1)}.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "root_mean_squared_error");
 * }</pre>
 */
public final class RootMeanSquaredError extends MeanMetric {
    /** Named {@code root_mean_squared_error}. */
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    /** @param name the key the metric is reported under */
    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] p = Storage.shape(yPred);
        if (yTrue.size() != yPred.size() || p.length == 0) {
            throw new ShapeException(name() + ": expected labels with the predictions' shape, received labels "
                    + Shapes.format(Storage.shape(yTrue)) + " and predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int examples = p[0];
        int perExample = q.length / Math.max(examples, 1);
        double sum = 0;
        for (int r = 0; r < examples; r++) {
            double squares = 0;
            for (int i = r * perExample; i < (r + 1) * perExample; i++) {
                double e = q[i] - y[i];
                squares += e * e;
            }
            sum += squares / perExample;
        }
        accumulate(sum, examples);
    }

    /** @return the square root of the mean squared error (0 before any update) */
    @Override
    public double result() {
        return Math.sqrt(super.result());
    }

    /**
     * Rebuilds the metric from its config.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static RootMeanSquaredError fromConfig(Config config) {
        return new RootMeanSquaredError(config.getString("name", "root_mean_squared_error"));
    }
}
