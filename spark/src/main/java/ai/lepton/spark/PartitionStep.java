package ai.lepton.spark;

import ai.lepton.data.Batch;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Randomized;
import ai.lepton.layers.Variable;
import ai.lepton.layers.Wrapper;
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
 * computation as a local training step), and return it with the partition's logs and its share
 * of the updated moving statistics. Nothing on the executor outlives the task except the cached
 * model, whose weights, moving statistics and random draw counts every step overwrites, so a
 * retried task computes exactly what the failed one would have.
 */
final class PartitionStep implements Function<Shard, StepResult> {
    private static final long serialVersionUID = 2L;

    private final Broadcast<byte[]> model;
    private final Broadcast<double[][]> weights;
    private final Broadcast<double[][]> moving;
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
     * @param moving the values of the model's {@code NON_TRAINABLE} variables (moving statistics),
     *        in {@code variables()} order
     * @param epoch the 0-based epoch
     * @param step the 0-based batch within the epoch
     * @param batchSize the number of examples in this batch over all partitions, {@code b_s}
     * @param iteration the optimizer's step count before this step (numbers the random draws)
     * @param partitions the number of partitions
     * @param shuffle whether the partitions shuffle their examples each epoch
     * @param seed the shuffling seed
     */
    PartitionStep(Broadcast<byte[]> model, Broadcast<double[][]> weights, Broadcast<double[][]> moving, int epoch, int step,
            int batchSize,
            long iteration, int partitions, boolean shuffle, long seed) {
        this.model = model;
        this.weights = weights;
        this.moving = moving;
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
            return new StepResult(null, null, null);
        }
        Model local = ModelBytes.onThisThread(model);
        List<Tensor> current = local.trainableWeights();
        Map<Tensor, Variable> variableOf = new IdentityHashMap<>();
        local.variables().forEach(v -> variableOf.put(v.value(), v));
        double[][] values = weights.value();
        for (int i = 0; i < values.length; i++) {
            variableOf.get(current.get(i)).assign(current.get(i).shape(), values[i]);
        }
        List<Variable> statistics = movingStatistics(local);
        double[][] start = moving.value();
        for (int i = 0; i < start.length; i++) {
            statistics.get(i).assign(statistics.get(i).shape(), start[i]);
        }
        // One draw per (step, partition): a retried task draws the same numbers.
        setDraws(local.layers(), iteration * partitions + shard.partition());
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
        double share = (double) n / batchSize;
        double[][] shares = new double[statistics.size()][];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = statistics.get(i).value().toArray();
            for (int k = 0; k < shares[i].length; k++) {
                shares[i][k] *= share;
            }
        }
        return new StepResult(grads, logs.state(), shares);
    }

    /**
     * @param model a model
     * @return its variables that its layers update themselves while training (BatchNormalization's
     *         moving mean and variance), in {@code variables()} order
     */
    static List<Variable> movingStatistics(Model model) {
        return model.variables().stream().filter(v -> v.kind() == Variable.Kind.NON_TRAINABLE).toList();
    }

    /** Sets the draw count of every randomized layer, inside nested models and wrappers too. */
    private static void setDraws(List<Layer> layers, long count) {
        for (Layer layer : layers) {
            if (layer instanceof Randomized randomized) {
                randomized.draws(count);
            }
            if (layer instanceof Model nested) {
                setDraws(nested.layers(), count);
            } else if (layer instanceof Wrapper wrapper) {
                setDraws(wrapper.wrappedLayers(), count);
            }
        }
    }
}
