package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import java.util.Map;

/**
 * Sets the optimizer's learning rate from a schedule, as Keras's {@code LearningRateScheduler}, and
 * logs it as {@code learning_rate}: at the start of every epoch (Keras's behaviour), or with
 * {@link #perStep} before every training step, the schedule then receiving the optimizer's step
 * count. (A learning-rate schedule object given to the optimizer, such as {@code CosineDecay}, is
 * the other way to change the rate per step.)
 *
 * <pre>{@code
 * // halve the rate every 10 epochs
 * new LearningRateScheduler((epoch, lr) -> epoch > 0 && epoch % 10 == 0 ? lr / 2 : lr);
 * // a linear warm-up over the first 100 steps
 * new LearningRateScheduler((step, lr) -> 1e-3 * Math.min(1.0, (step + 1) / 100.0)).perStep(true);
 * }</pre>
 */
public final class LearningRateScheduler implements Callback {
    /** A learning-rate schedule. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * @param index the 0-based epoch about to start, or with {@link #perStep} the optimizer's
         *        step count (its iterations) before the step
         * @param learningRate the current learning rate
         * @return the learning rate for that epoch or step, positive
         */
        double apply(long index, double learningRate);
    }

    private final Schedule schedule;
    private boolean perStep;
    private Model model;

    /** @param schedule the schedule, called before each epoch */
    public LearningRateScheduler(Schedule schedule) {
        this.schedule = schedule;
    }

    /**
     * @param on whether to set the rate before every step rather than every epoch (default false)
     * @return this callback
     */
    public LearningRateScheduler perStep(boolean on) {
        perStep = on;
        return this;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (!perStep) {
            model.optimizer().learningRate(schedule.apply(epoch, model.optimizer().learningRate()));
        }
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        if (perStep) {
            model.optimizer().learningRate(schedule.apply(model.optimizer().iterations(), model.optimizer().learningRate()));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model.optimizer().learningRate());
    }
}
