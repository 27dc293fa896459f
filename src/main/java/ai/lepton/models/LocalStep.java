package ai.lepton.models;

import ai.lepton.autograd.StepArena;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;
import java.util.List;

/**
 * The training step of {@link Model#fit} on this machine: the forward pass, the compiled loss,
 * the backward pass and the optimizer update, inside the step arena, on the batches of a data
 * loader in the order of each epoch.
 */
final class LocalStep implements TrainStep {
    private final Model model;
    private final DataLoader data;
    private List<Tensor> weights;
    /** Recycles each training step's large arrays in the next one. */
    private final StepArena arena = new StepArena();
    private Iterator<Batch> batches;
    private int batchesEpoch = -1;
    private int nextStep;

    /**
     * @param model the compiled model
     * @param data the training batches
     */
    LocalStep(Model model, DataLoader data) {
        this.model = model;
        this.data = data;
    }

    @Override
    public Batch sample() {
        return data.epoch(0).next();
    }

    @Override
    public int stepsPerEpoch() {
        return data.numBatches();
    }

    @Override
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public void run(int epoch, int step, EpochLogs logs) {
        if (epoch != batchesEpoch || step != nextStep) {
            // A new epoch, or a run resumed mid-epoch: the epoch's order, from the step asked for.
            batches = data.epoch(epoch);
            batchesEpoch = epoch;
            for (int skip = 0; skip < step; skip++) {
                batches.next();
            }
        }
        nextStep = step + 1;
        Batch batch = batches.next();
        if (weights == null) {
            weights = model.trainableWeights();
        }
        for (Tensor w : weights) {
            w.zeroGrad();
        }
        // Nothing of this step is used after it: the next one may recycle its arrays.
        try (StepArena scope = arena.begin()) {
            model.computeLoss(batch, true, logs).backward();
            model.optimizer().apply(weights);
            model.applyConstraints();
        }
    }
}
