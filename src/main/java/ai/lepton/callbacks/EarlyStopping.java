package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras's
 * {@code EarlyStopping}: after each epoch, a value counts as an improvement when it beats the
 * best so far by more than {@code minDelta}; after {@code patience} epochs without one, training
 * stops and, with {@code restoreBestWeights}, the model gets back the weights of its best epoch.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * model.fit(x, y, FitOptions.create().epochs(100).validationSplit(0.2).callbacks(stop));
 * }</pre>
 */
public final class EarlyStopping implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private String monitor = "val_loss";
    private int patience;
    private double minDelta;
    private String mode = "auto";
    private boolean restoreBestWeights;
    private Model model;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private double best;
    private List<Tensor> bestWeights;

    /** Keras's defaults: monitor {@code val_loss}, patience 0, minDelta 0, mode auto, no restoring. */
    public EarlyStopping() {
    }

    /**
     * @param key the logged quantity to watch, e.g. {@code "val_accuracy"}
     * @return this callback
     */
    public EarlyStopping monitor(String key) {
        monitor = key;
        return this;
    }

    /**
     * @param epochs how many epochs without improvement to allow, not negative
     * @return this callback
     */
    public EarlyStopping patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must not be negative. Received: patience=" + epochs);
        }
        patience = epochs;
        return this;
    }

    /**
     * @param delta the smallest change that counts as an improvement (its sign is ignored)
     * @return this callback
     */
    public EarlyStopping minDelta(double delta) {
        minDelta = Math.abs(delta);
        return this;
    }

    /**
     * @param value {@code "auto"}, {@code "min"} or {@code "max"}
     * @return this callback
     */
    public EarlyStopping mode(String value) {
        mode = Monitor.checkMode("EarlyStopping", value);
        return this;
    }

    /**
     * @param on whether to restore the best epoch's weights when stopping
     * @return this callback
     */
    public EarlyStopping restoreBestWeights(boolean on) {
        restoreBestWeights = on;
        return this;
    }

    /**
     * @return the 0-based epoch at which training was stopped, or -1, as Keras's {@code stopped_epoch};
     *         the log message counts epochs from 1, as Keras prints them ("Epoch 5: early stopping"
     *         for stoppedEpoch() 4), and so do the progress bar and ModelCheckpoint's {@code {epoch}}
     */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /**
     * @return the 0-based epoch with the best monitored value, or -1, as Keras's {@code best_epoch};
     *         the log message counts from 1 ("Restoring model weights from the end of the best
     *         epoch: 3" for bestEpoch() 2)
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        best = Double.NaN;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.warn("Early stopping conditioned on '{}', which is not available. Available: {}", monitor, logs.keySet());
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model.getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model.getWeights();
            }
            wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining(true);
            if (restoreBestWeights && bestWeights != null) {
                model.setWeights(bestWeights);
                LOG.info("Restoring model weights from the end of the best epoch: {}", bestEpoch + 1);
            }
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch >= 0) {
            LOG.info("Epoch {}: early stopping", stoppedEpoch + 1);
        }
    }

    private boolean isImprovement(double value) {
        if (Double.isNaN(best)) {
            return true;
        }
        return Monitor.maximizes(mode, monitor) ? value - minDelta > best : value + minDelta < best;
    }
}
