package ai.lepton.models;

/**
 * Where a {@code fit} is: the next step to run and the running sums of its epoch. A callback
 * that saves it with the model ({@code BackupAndRestore}) can hand it back through
 * {@link Callback#resumeFrom()} when training restarts, and the loop then continues exactly where
 * it stopped, mid-epoch included: the same batches in the same order, the same running means.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.create().epochs(1).verbose(0).callbacks(new Callback() {
 *     public void onBatchEnd(int batch, Map<String, Double> logs) {
 *         TrainingState state = model.trainingState();   // where fit is now
 *         System.out.println("next: epoch " + state.epoch() + ", step " + state.step());
 *     }
 * }));
 * }</pre>
 *
 * @param epoch the 0-based epoch of the next step
 * @param step the 0-based next step within that epoch
 * @param logs the epoch's running sums so far ({@link EpochLogs#state()}), or {@code null} at an epoch's start
 */
public record TrainingState(int epoch, int step, double[] logs) {
    /**
     * Checks the counters and copies the sums.
     *
     * @param epoch the 0-based epoch of the next step, not negative
     * @param step the 0-based next step, not negative
     * @param logs the running sums, or {@code null}
     */
    public TrainingState {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("TrainingState: epoch and step must not be negative. Received: epoch=" + epoch
                    + ", step=" + step);
        }
        logs = logs == null ? null : logs.clone();
    }

    /** @return a copy of the running sums, or {@code null} */
    @Override
    public double[] logs() {
        return logs == null ? null : logs.clone();
    }
}
