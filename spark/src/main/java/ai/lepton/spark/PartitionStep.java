package ai.lepton.spark;

import ai.lepton.data.Batch;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Variable;
import ai.lepton.models.EpochLogs;
import ai.lepton.models.Model;
import ai.lepton.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executors' half of one training step: set this thread's copy of the model to the
 * broadcast weights, compute the gradient of the partition's part of the batch with the loss
 * scaled by the part's share ({@code b_p / b_s}) through {@link Model#computeLoss} (the same
 * computation as a local training step), and return it with the partition's logs. Nothing on the
 * executor outlives the task except the cached model, whose weights every step overwrites, so a
 * retried task computes exactly what the failed one would have.
 */
final class PartitionStep implements Function<Shard, StepResult> {
    private static final long serialVersionUID = 2L;

    private final Broadcast<byte[]> model;
    private final Broadcast<double[][]> weights;
    private final int epoch;
    private final int step;
    private final int batchSize;
    private final long iteration;
    private final int partitions;
    private final boolean shuffle;
    private final long seed;

    /**
     * @param model the model file's bytes
     * @param weights the weights for this step, in {@code trainableWeights()} order
     * @param epoch the 0-based epoch
     * @param step the 0-based batch within the epoch
     * @param batchSize the number of examples in this batch over all partitions, {@code b_s}
     * @param iteration the optimizer's step count before this step (seeds Dropout's masks)
     * @param partitions the number of partitions
     * @param shuffle whether the partitions shuffle their examples each epoch
     * @param seed the shuffling seed
     */
    PartitionStep(Broadcast<byte[]> model, Broadcast<double[][]> weights, int epoch, int step, int batchSize,
            long iteration, int partitions, boolean shuffle, long seed) {
        this.model = model;
        this.weights = weights;
        this.epoch = epoch;
        this.step = step;
        this.batchSize = batchSize;
        this.iteration = iteration;
        this.partitions = partitions;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    @Override
    public StepResult call(Shard shard) {
        int n = shard.count(step);
        if (n == 0) {
            return new StepResult(null, null);
        }
        Model local = ModelBytes.onThisThread(model);
        List<Tensor> current = local.trainableWeights();
        Map<Tensor, Variable> variableOf = new IdentityHashMap<>();
        local.variables().forEach(v -> variableOf.put(v.value(), v));
        double[][] values = weights.value();
        for (int i = 0; i < values.length; i++) {
            variableOf.get(current.get(i)).assign(current.get(i).shape(), values[i]);
        }
        for (Layer layer : local.layers()) {
            if (layer instanceof Dropout dropout) {
                // One mask per (step, partition): a retried task draws the same one.
                dropout.masksDrawn(iteration * partitions + shard.partition());
            }
        }
        Batch batch = shard.batch(step, epoch, shuffle, seed);
        EpochLogs logs = local.newLogs(batch);
        for (Tensor w : current) {
            w.zeroGrad();
        }
        local.computeLoss(batch, true, logs).mul((double) n / batchSize).backward();
        double[][] grads = new double[current.size()][];
        for (int i = 0; i < grads.length; i++) {
            Tensor g = current.get(i).grad();
            grads[i] = g == null ? new double[current.get(i).size()] : g.toArray();
            current.get(i).zeroGrad();
        }
        return new StepResult(grads, logs.state());
    }
}
