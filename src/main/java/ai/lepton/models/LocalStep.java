package ai.lepton.models;

import ai.lepton.autograd.StepArena;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.data.SampleWeights;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The training step of {@link Model#fit} on this machine: the forward pass, the compiled loss,
 * the backward pass and the optimizer update, inside the step arena, on the batches of a data
 * loader in the order of each epoch. With a number of steps per epoch, the batches are an endless
 * stream of passes over the loader (pass {@code p} in the loader's order for epoch {@code p}),
 * and step {@code s} of epoch {@code e} is batch {@code e * steps + s} of that stream. With class
 * weights, each batch is weighed by its examples' classes before its loss is computed.
 */
final class LocalStep implements TrainStep {
    private final Model model;
    private final DataLoader data;
    private final int steps;
    private final Map<Integer, Double> classWeight;
    private List<Tensor> weights;
    /** Recycles each training step's large arrays in the next one. */
    private final StepArena arena = new StepArena();
    private Iterator<Batch> batches;
    private int batchesEpoch = -1;
    private int nextPosition;

    /**
     * @param model the compiled model
     * @param data the training batches
     * @param stepsPerEpoch the steps per epoch, or 0 for one pass over the loader per epoch
     * @param classWeight the weight of each class ({@link FitOptions#classWeight}), or {@code null}
     */
    LocalStep(Model model, DataLoader data, int stepsPerEpoch, Map<Integer, Double> classWeight) {
        this.model = model;
        this.data = data;
        this.steps = stepsPerEpoch;
        this.classWeight = classWeight;
    }

    @Override
    public Batch sample() {
        return data.epoch(0).next();
    }

    @Override
    public int batchSize() {
        return data.batchSize();
    }

    @Override
    public int stepsPerEpoch() {
        return steps == 0 ? data.numBatches() : steps;
    }

    @Override
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    public void run(int epoch, int step, EpochLogs logs) {
        long global = steps == 0 ? step : (long) epoch * steps + step;
        int pass = steps == 0 ? epoch : (int) (global / data.numBatches());
        int position = (int) (global % data.numBatches());
        if (pass != batchesEpoch || position != nextPosition) {
            // A new pass, or a run resumed mid-pass: the pass's order, from the batch asked for.
            batches = data.epoch(pass);
            batchesEpoch = pass;
            for (int skip = 0; skip < position; skip++) {
                batches.next();
            }
        }
        nextPosition = position + 1;
        Batch batch = weighed(batches.next());
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

    /** The batch with its class weights as sample weights, as Keras's data adapters do. */
    private Batch weighed(Batch batch) {
        if (classWeight == null) {
            return batch;
        }
        if (batch.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: classWeight and sample weights cannot be used together, as in Keras; "
                    + "the batches carry sample weights");
        }
        return batch.withSampleWeight(SampleWeights.fromClassWeight(batch.y(), classWeight));
    }
}
