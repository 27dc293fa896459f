package ai.lepton.spark;

import ai.lepton.layers.Dropout;
import ai.lepton.layers.Layer;
import ai.lepton.metrics.Metric;
import ai.lepton.metrics.Metrics;
import ai.lepton.models.Gradients;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executors' half of one training step: set this thread's copy of the model to the
 * broadcast weights, compute the gradient of the partition's part of the batch with the loss
 * scaled by the part's share ({@code b_p / b_s}), and return it with the loss and metric sums.
 * Nothing on the executor outlives the task except the cached model, whose weights every step
 * overwrites, so a retried task computes exactly what the failed one would have.
 */
final class PartitionStep implements Function<Shard, StepResult> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final Broadcast<double[][]> weights;
    private final int epoch;
    private final int step;
    private final int batchSize;
    private final long iteration;
    private final int partitions;
    private final boolean shuffle;
    private final long seed;
    private final List<String> metrics;

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
     * @param metrics the compiled metrics' names
     */
    PartitionStep(Broadcast<byte[]> model, Broadcast<double[][]> weights, int epoch, int step, int batchSize,
            long iteration, int partitions, boolean shuffle, long seed, List<String> metrics) {
        this.model = model;
        this.weights = weights;
        this.epoch = epoch;
        this.step = step;
        this.batchSize = batchSize;
        this.iteration = iteration;
        this.partitions = partitions;
        this.shuffle = shuffle;
        this.seed = seed;
        this.metrics = metrics;
    }

    @Override
    public StepResult call(Shard shard) {
        int n = shard.count(step);
        if (n == 0) {
            return new StepResult(null, 0, new double[metrics.size()], 0);
        }
        Sequential local = ModelBytes.onThisThread(model);
        List<Tensor> current = local.trainableWeights();
        double[][] values = weights.value();
        List<Tensor> next = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            next.add(Tensor.of(values[i], current.get(i).shape()));
        }
        local.setWeights(next);
        for (Layer layer : local.layers()) {
            if (layer instanceof Dropout dropout) {
                // One mask per (step, partition): a retried task draws the same one.
                dropout.masksDrawn(iteration * partitions + shard.partition());
            }
        }
        Tensor[] batch = shard.batch(step, epoch, shuffle, seed);
        Gradients g = local.gradients(batch[0], batch[1], (double) n / batchSize);
        double[][] grads = new double[g.values().size()][];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = g.values().get(i).toArray();
        }
        double[] sums = new double[metrics.size()];
        for (int m = 0; m < sums.length; m++) {
            Metric metric = Metrics.get(metrics.get(m), batch[1].shape(), g.predictions().shape());
            metric.update(batch[1], g.predictions());
            sums[m] = metric.result() * n;
        }
        return new StepResult(grads, g.loss() * n, sums, n);
    }
}
