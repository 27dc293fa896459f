package ai.lepton.spark;

import ai.lepton.data.Batch;
import ai.lepton.data.Shuffle;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import scala.Tuple2;

/**
 * One partition's examples for training, kept in executor memory for the whole of {@code fit}:
 * the partition's part of every batch, in global order, as one contiguous slice per batch.
 * With shuffling, the partition's examples are permuted each epoch (seeded by the seed, the
 * epoch and the partition) and the slices are taken from that order, so each step still sees
 * {@code b_s} examples over all partitions.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final List<LabeledExample> examples;
    private final int[] stepStart;
    private final ExampleShape shape;
    private transient int[] order;
    private transient int orderEpoch = -1;

    private Shard(int partition, List<LabeledExample> examples, int[] stepStart, ExampleShape shape) {
        this.partition = partition;
        this.examples = examples;
        this.stepStart = stepStart;
        this.shape = shape;
    }

    /**
     * @param partition this partition's index
     * @param sorted the partition's examples keyed by global index, in increasing order
     * @param batchSize the global batch size
     * @param steps the number of batches per epoch
     * @param shape the records' shapes
     * @return the shard
     */
    static Shard of(int partition, Iterator<Tuple2<Long, LabeledExample>> sorted, int batchSize, int steps,
            ExampleShape shape) {
        List<LabeledExample> examples = new ArrayList<>();
        int[] stepStart = new int[steps + 1];
        int step = 0;
        while (sorted.hasNext()) {
            Tuple2<Long, LabeledExample> e = sorted.next();
            int s = (int) (e._1() / batchSize);
            while (step < s) {
                stepStart[++step] = examples.size();
            }
            examples.add(e._2());
        }
        while (step < steps) {
            stepStart[++step] = examples.size();
        }
        return new Shard(partition, examples, stepStart, shape);
    }

    /** @return this partition's index */
    int partition() {
        return partition;
    }

    /**
     * @param step a batch's index
     * @return how many of the batch's examples this partition holds
     */
    int count(int step) {
        return stepStart[step + 1] - stepStart[step];
    }

    /**
     * This partition's part of a batch.
     *
     * @param step the batch's index
     * @param epoch the epoch (for the shuffled order)
     * @param shuffle whether examples are shuffled each epoch
     * @param seed the shuffling seed
     * @return the partition's part of the batch
     */
    synchronized Batch batch(int step, int epoch, boolean shuffle, long seed) {
        if (!shuffle) {
            return shape.batch(examples, stepStart[step], stepStart[step + 1]);
        }
        if (orderEpoch != epoch || order == null) {
            long partitionSeed = new SplittableRandom(seed + partition * 0x9E3779B97F4A7C15L).nextLong();
            order = Shuffle.order(examples.size(), partitionSeed, epoch);
            orderEpoch = epoch;
        }
        List<LabeledExample> picked = new ArrayList<>(count(step));
        for (int i = stepStart[step]; i < stepStart[step + 1]; i++) {
            picked.add(examples.get(order[i]));
        }
        return shape.batch(picked, 0, picked.size());
    }
}
