package ai.lepton.metrics;

import ai.lepton.autograd.NoGrad;
import ai.lepton.config.Config;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.tensor.internal.Storage;
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
            // The mean loss of the batch's examples, whatever the loss's own reduction.
            Tensor mean = loss.reduction().equals("sum") || loss.reduction().equals("none")
                    ? loss.call(yTrue, yPred).mean()
                    : loss.compute(yTrue, yPred);
            accumulate(mean.item() * batch, batch);
        }
    }

    /** @return the name and the loss, as {@code {class_name, config}} under {@code loss} */
    @Override
    public Config getConfig() {
        return super.getConfig().put("loss", Config.of("loss").put("class_name", Losses.nameOf(loss)).put("config", loss.getConfig()));
    }

    /**
     * Rebuilds the metric from its config.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static LossMetric fromConfig(Config config) {
        Config loss = config.getConfig("loss");
        return new LossMetric(config.getString("name"), Losses.fromConfig(loss.getString("class_name"), loss.getConfig("config")));
    }
}
