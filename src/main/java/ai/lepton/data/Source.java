package ai.lepton.data;

import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * Where a {@link DataLoader}'s examples come from, by index: a {@link Dataset} in memory, or
 * files decoded on demand. A source is read from several threads at once when the loader
 * prefetches, so {@link #inputs} and {@link #targets} must be thread-safe.
 */
interface Source {
    /** @return the number of examples */
    int size();

    /**
     * @param indices example indices in {@code [0, size())} (not modified)
     * @return one float64 tensor {@code (indices.length, ...)} per model input
     */
    List<Tensor> inputs(int[] indices);

    /**
     * @param indices example indices in {@code [0, size())} (not modified)
     * @return one tensor {@code (indices.length, ...)} per model output
     */
    List<Tensor> targets(int[] indices);

    /** @return every example in memory: the dataset itself, or all files read now */
    Dataset dataset();

    /** @return whether the examples are in memory already */
    boolean inMemory();

    /** @return a source that keeps what it decodes for the next epochs (this one if in memory) */
    Source cached();

    /**
     * @return whether the examples can only be read in order, one pass per epoch ({@link CsvStream}),
     *     rather than by index
     */
    default boolean sequential() {
        return false;
    }

    /** A dataset in memory. */
    record InMemory(Dataset data) implements Source {
        @Override
        public int size() {
            return data.size();
        }

        @Override
        public List<Tensor> inputs(int[] indices) {
            return data.inputRows(indices);
        }

        @Override
        public List<Tensor> targets(int[] indices) {
            return data.ys().stream().map(t -> Dataset.rows(t, indices)).toList();
        }

        @Override
        public Dataset dataset() {
            return data;
        }

        @Override
        public boolean inMemory() {
            return true;
        }

        @Override
        public Source cached() {
            return this;
        }
    }
}
