package ai.lepton.spark;

import org.apache.spark.Partitioner;

/**
 * Places the example of global index {@code i} so that every partition holds a share of every
 * batch: batch {@code s} is examples {@code [s*B, s*B + b_s)} (as single-machine {@code fit}
 * without shuffling takes them), and its example at position {@code j} goes to partition
 * {@code floor(j * P / b_s)}, so the batch is cut into {@code P} contiguous parts of nearly equal size.
 */
final class StepPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long examples;
    private final int batchSize;
    private final int partitions;

    /**
     * @param examples the number of examples, {@code N}
     * @param batchSize the global batch, {@code B}
     * @param partitions the number of partitions, {@code P}
     */
    StepPartitioner(long examples, int batchSize, int partitions) {
        this.examples = examples;
        this.batchSize = batchSize;
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        long i = (Long) key;
        long start = i / batchSize * batchSize;
        long size = Math.min(batchSize, examples - start);
        return (int) ((i - start) * partitions / size);
    }

    /**
     * @param step a batch's index
     * @return the number of examples in that batch, {@code b_s}
     */
    int batchSize(int step) {
        return (int) Math.min(batchSize, examples - (long) step * batchSize);
    }

    /** @return the number of batches per epoch */
    int steps() {
        return (int) ((examples + batchSize - 1) / batchSize);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepPartitioner p && p.examples == examples && p.batchSize == batchSize
                && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(examples) * 31 * 31 + batchSize * 31 + partitions;
    }
}
