package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training at the first batch whose loss is NaN or infinite, as Keras's
 * {@code TerminateOnNaN}, and says where.
 *
 * <pre>{@code
 * TerminateOnNaN guard = new TerminateOnNaN();
 * model.fit(x, y, FitOptions.create().epochs(10).callbacks(guard));
 * if (guard.terminated()) System.out.println(guard.message());
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TerminateOnNaN.class);

    private Model model;
    private int epoch;
    private String message;

    /** Creates the callback. */
    public TerminateOnNaN() {
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        message = null;
    }

    @Override
    public void onEpochBegin(int e, Map<String, Double> logs) {
        epoch = e;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            message = "Epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": invalid loss " + loss + ", terminating training";
            LOG.warn(message);
            model.stopTraining(true);
        }
    }

    /** @return whether training was stopped */
    public boolean terminated() {
        return message != null;
    }

    /** @return where training stopped, e.g. {@code Epoch 1, batch 3: invalid loss NaN, terminating training}, or {@code null} */
    public String message() {
        return message;
    }
}
