package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import java.util.Map;

/**
 * Sets the optimizer's learning rate at the start of every epoch from a schedule, as Keras's
 * {@code LearningRateScheduler}, and logs it as {@code learning_rate}.
 *
 * <pre>{@code
 * // halve the rate every 10 epochs
 * new LearningRateScheduler((epoch, lr) -> epoch > 0 && epoch % 10 == 0 ? lr / 2 : lr);
 * }</pre>
 */
public final class LearningRateScheduler implements Callback {
    /** A learning-rate schedule. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * @param epoch the 0-based epoch about to start
         * @param learningRate the current learning rate
         * @return the learning rate for that epoch, positive
         */
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private Model model;

    /** @param schedule the schedule, called before each epoch */
    public LearningRateScheduler(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        model.optimizer().learningRate(schedule.apply(epoch, model.optimizer().learningRate()));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model.optimizer().learningRate());
    }
}
