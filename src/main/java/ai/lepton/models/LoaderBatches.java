package ai.lepton.models;

import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;

/** Batches from a {@link DataLoader}, which does its own batching and shuffling. */
final class LoaderBatches implements BatchSource {
    private final DataLoader loader;

    /** @param loader the loader */
    LoaderBatches(DataLoader loader) {
        this.loader = loader;
    }

    @Override
    public int[] xShape() {
        return loader.dataset().x().shape();
    }

    @Override
    public int[] yShape() {
        return loader.dataset().y().shape();
    }

    @Override
    public Tensor allLabels() {
        return loader.dataset().y();
    }

    @Override
    public int size() {
        return loader.size();
    }

    @Override
    public int numBatches() {
        return loader.numBatches();
    }

    @Override
    public Iterator<Tensor[]> batches(int epoch) {
        Iterator<Batch> it = loader.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tensor[] next() {
                Batch b = it.next();
                return new Tensor[] {b.x(), b.y()};
            }
        };
    }
}
