package ai.lepton.models;

/**
 * What a {@code fit} will do, given to every callback before training starts (Keras's
 * {@code callback.params}).
 *
 * <pre>{@code
 * Callback planner = new Callback() {
 *     public void setParams(TrainingParams params) {
 *         System.out.println(params.epochs() + " epochs of " + params.stepsPerEpoch() + " steps");
 *     }
 * };
 * }</pre>
 *
 * @param epochs the epoch count ({@link FitOptions#epochs})
 * @param stepsPerEpoch the steps (batches) in one epoch
 * @param batchSize the examples per step (the last batch of an epoch may be smaller)
 */
public record TrainingParams(int epochs, int stepsPerEpoch, int batchSize) {
}
