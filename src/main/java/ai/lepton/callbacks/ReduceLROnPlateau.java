package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import ai.lepton.optimizers.Optimizer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the learning rate when a monitored quantity stops improving, as Keras's
 * {@code ReduceLROnPlateau}: after {@code patience} epochs without an improvement of more than
 * {@code minDelta}, {@code lr = max(lr * factor, minLr)}, then {@code cooldown} epochs pass before
 * counting again. The rate is logged as {@code learning_rate}.
 *
 * <pre>{@code
 * new ReduceLROnPlateau().monitor("val_loss").factor(0.5).patience(2).minLr(1e-5);
 * }</pre>
 */
public final class ReduceLROnPlateau implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);

    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private Model model;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** Keras's defaults: monitor {@code val_loss}, factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. */
    public ReduceLROnPlateau() {
    }

    /**
     * @param key the logged quantity to watch
     * @return this callback
     */
    public ReduceLROnPlateau monitor(String key) {
        monitor = key;
        return this;
    }

    /**
     * @param value the factor the rate is multiplied by, in {@code (0, 1)}
     * @return this callback
     */
    public ReduceLROnPlateau factor(double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1). Received: factor=" + value);
        }
        factor = value;
        return this;
    }

    /**
     * @param epochs epochs without improvement before lowering the rate, not negative
     * @return this callback
     */
    public ReduceLROnPlateau patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience must not be negative. Received: patience=" + epochs);
        }
        patience = epochs;
        return this;
    }

    /**
     * @param value {@code "auto"}, {@code "min"} or {@code "max"}
     * @return this callback
     */
    public ReduceLROnPlateau mode(String value) {
        mode = Monitor.checkMode("ReduceLROnPlateau", value);
        return this;
    }

    /**
     * @param delta the smallest change that counts as an improvement
     * @return this callback
     */
    public ReduceLROnPlateau minDelta(double delta) {
        minDelta = Math.abs(delta);
        return this;
    }

    /**
     * @param epochs epochs to wait after lowering the rate before counting again
     * @return this callback
     */
    public ReduceLROnPlateau cooldown(int epochs) {
        cooldown = Math.max(0, epochs);
        return this;
    }

    /**
     * @param value the lowest rate to reduce to
     * @return this callback
     */
    public ReduceLROnPlateau minLr(double value) {
        minLr = value;
        return this;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = Monitor.maximizes(mode, monitor) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = model.optimizer();
        logs.put("learning_rate", optimizer.learningRate());
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.warn("Learning rate reduction is conditioned on '{}', which is not available. Available: {}",
                    monitor, logs.keySet());
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        boolean improved = Monitor.maximizes(mode, monitor) ? current > best + minDelta : current < best - minDelta;
        if (improved) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience && optimizer.learningRate() > minLr) {
                double lr = Math.max(optimizer.learningRate() * factor, minLr);
                optimizer.learningRate(lr);
                LOG.info("Epoch {}: ReduceLROnPlateau reducing learning rate to {}", epoch + 1, lr);
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }
}
