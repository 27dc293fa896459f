package ai.lepton.models;

import ai.lepton.tensor.Tensor;
import java.util.Iterator;

/** Where the training loop gets its batches from: in-memory tensors or a data loader. */
interface BatchSource {
    /** @return the shape of all inputs together, {@code (n, ...)} */
    int[] xShape();

    /** @return the shape of all labels together, {@code (n, ...)} */
    int[] yShape();

    /** @return the labels of every example, for checking them against the loss before training */
    Tensor allLabels();

    /** @return the number of examples */
    int size();

    /** @return the number of batches per epoch */
    int numBatches();

    /**
     * @param epoch the 0-based epoch (seeds that epoch's shuffle)
     * @return the epoch's batches in order, each {@code {x, y}}, made as they are asked for
     */
    Iterator<Tensor[]> batches(int epoch);
}
