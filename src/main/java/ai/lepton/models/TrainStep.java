package ai.lepton.models;

import ai.lepton.data.Batch;

/**
 * What one training step does, plugged into the one epoch loop of {@link Model#fit}: the loop owns
 * the epochs, the callbacks, the running means, validation and stopping, and asks the step to
 * train on batch {@code step} of epoch {@code epoch}. {@code fit} on tensors or a data loader
 * plugs in the local step (forward pass, loss, backward pass and optimizer update on this
 * machine); a data-parallel trainer plugs in a step that computes parts of each batch's gradient
 * elsewhere and applies their sum ({@code lepton-spark}'s {@code SparkTrainer} does).
 *
 * <pre>{@code
 * List<Batch> list = new ArrayList<>();
 * batches.epoch(0).forEachRemaining(list::add);       // the same batches every epoch
 * TrainStep step = new TrainStep() {
 *     public Batch sample() { return list.get(0); }
 *     public int stepsPerEpoch() { return list.size(); }
 *     public int batchSize() { return list.get(0).size(); }
 *     public void run(int epoch, int s, EpochLogs logs) {
 *         Batch b = list.get(s);
 *         model.trainableWeights().forEach(Tensor::zeroGrad);
 *         model.computeLoss(b, true, logs).backward();
 *         model.optimizer().apply(model.trainableWeights());
 *     }
 * };
 * History history = model.fit(step, FitOptions.create().epochs(3));
 * }</pre>
 */
public interface TrainStep {
    /**
     * A batch of the training data (a few examples suffice), from which the loop builds the model,
     * checks the shapes and picks each metric's variant before the first step.
     *
     * @return a batch shaped like the training batches
     */
    Batch sample();

    /** @return the number of steps in one epoch */
    int stepsPerEpoch();

    /** @return the examples per step (over all machines, for a distributed step) */
    int batchSize();

    /**
     * Trains on one batch: one optimizer update of the model's trainable weights. The step adds
     * the batch's losses and metric values to {@code logs}, e.g. through {@link Model#computeLoss}
     * or by {@link EpochLogs#merge merging} logs filled elsewhere.
     *
     * @param epoch the 0-based epoch (orders the epoch's examples)
     * @param step the 0-based step within the epoch
     * @param logs the epoch's running values (modified)
     */
    void run(int epoch, int step, EpochLogs logs);
}
