package ai.lepton.models;

import java.util.Map;

/**
 * Hooks into training, as Keras's {@code keras.callbacks.Callback}: {@link Model#fit} calls
 * them at the start and end of training, of each epoch and of each batch. Every hook does nothing
 * by default, so a callback overrides only what it needs.
 *
 * <p>The logs map holds what Keras's logs hold: in a batch hook the running means of the loss
 * and metrics over the epoch so far ({@code loss}, {@code accuracy}, ...); in
 * {@link #onEpochEnd} the epoch's values and the validation values ({@code val_loss}, ...). A
 * callback may add entries in {@code onEpochEnd} (e.g. {@code learning_rate}); later callbacks
 * and the {@link History} see them. A callback stops training with
 * {@code model.stopTraining(true)}: the loop ends after the current batch.
 *
 * <pre>{@code
 * Callback printer = new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(epoch + ": " + logs.get("loss"));
 *     }
 * };
 * model.fit(x, y, FitOptions.create().epochs(5).callbacks(printer));
 * }</pre>
 */
public interface Callback {
    /**
     * Called once before training with the model being trained.
     *
     * @param model the model
     */
    default void setModel(Model model) {
    }

    /**
     * Called once before training with what the {@code fit} will do (Keras's {@code set_params}).
     *
     * @param params the epochs, steps per epoch and batch size
     */
    default void setParams(TrainingParams params) {
    }

    /** @param logs empty at the start of training */
    default void onTrainBegin(Map<String, Double> logs) {
    }

    /** @param logs the last epoch's logs */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /**
     * @param epoch the 0-based epoch
     * @param logs empty
     */
    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param epoch the 0-based epoch
     * @param logs the epoch's loss and metrics and their {@code val_} counterparts (modifiable)
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param batch the 0-based batch within the epoch
     * @param logs empty
     */
    default void onBatchBegin(int batch, Map<String, Double> logs) {
    }

    /**
     * @param batch the 0-based batch within the epoch
     * @param logs the running means of the loss and metrics over the epoch so far
     */
    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }

    /**
     * A point to resume training from, asked once after {@link #onTrainBegin}: a callback that
     * restored a backup of an interrupted run ({@code BackupAndRestore}) returns where that run
     * stopped, and the loop continues from there instead of {@link FitOptions#initialEpoch}.
     *
     * @return the state to resume from, or {@code null} (the default) to start normally
     */
    default TrainingState resumeFrom() {
        return null;
    }
}
