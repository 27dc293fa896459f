package ai.lepton.metrics;

import ai.lepton.autograd.NoGrad;
import ai.lepton.losses.Loss;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * A loss reported as a metric (e.g. {@code "mae"} next to an {@code "mse"} loss): the mean of
 * the loss over all examples seen, each batch weighted by its size.
 *
 * <pre>{@code
 * Metric mae = new LossMetric("mae", new MeanAbsoluteError());
 * }</pre>
 */
public final class LossMetric extends MeanMetric {
    private final Loss loss;

    /**
     * @param name the key the metric is reported under
     * @param loss the loss to average
     */
    public LossMetric(String name, Loss loss) {
        super(name);
        this.loss = loss;
    }

    @Override
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public void update(Tensor yTrue, Tensor yPred) {
        int batch = Storage.shape(yPred)[0];
        try (NoGrad g = NoGrad.enter()) {
            accumulate(loss.compute(yTrue, yPred).item() * batch, batch);
        }
    }
}
