package ai.lepton.spark;

import ai.lepton.data.Batch;
import ai.lepton.models.Model;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The shapes a model gives its records: the features' shape per example and the label's, which
 * the executors use to check each record and to stack records into batches.
 *
 * @param features the model's input shape, without the batch
 * @param label the label's shape per example: {@code ()} for one value per example (class
 *        indices, shape {@code (n,)}), else the per-example shape of the label tensor
 */
record ExampleShape(int[] features, int[] label) implements Serializable {

    /**
     * The shapes of a model's records, taking the label's width from a sample record: a label as
     * wide as the model's output takes the output's shape; a single value is one per example
     * ({@code (n,)}, e.g. a class index); else a row of that width. Makes the model's weights.
     *
     * @param model the model; its input shape, if known, shapes the features
     * @param sample a record of the data
     * @return the shapes
     */
    static ExampleShape of(Model model, LabeledExample sample) {
        int[] features = model.inputShapes().isEmpty() ? new int[] {sample.featureCount()} : model.inputShapes().get(0);
        int[] out = model.predict(Tensor.zeros(batched(1, features)), 1).shape();
        int[] output = Arrays.copyOfRange(out, 1, out.length);
        int width = sample.labelCount();
        if (Shapes.size(output) == width) {
            return new ExampleShape(features, output);
        }
        return new ExampleShape(features, width == 1 ? new int[0] : new int[] {width});
    }

    /** @return the number of feature values per example */
    int featureSize() {
        return Shapes.size(features);
    }

    /** @return the number of label values per example */
    int labelSize() {
        return Shapes.size(label);
    }

    /**
     * Checks one record.
     *
     * @param e the record
     * @param partition its input partition
     * @param position its 0-based position in the partition
     * @return the record
     * @throws BadRecordException naming the partition, position and problem
     */
    LabeledExample check(LabeledExample e, int partition, long position) {
        if (e == null) {
            throw new BadRecordException(partition, position, "the record is null");
        }
        if (e.featureCount() != featureSize()) {
            throw new BadRecordException(partition, position, "it has " + e.featureCount() + " features, the model expects "
                    + featureSize() + " (input shape " + Shapes.format(features) + ")");
        }
        if (e.labelCount() != labelSize()) {
            throw new BadRecordException(partition, position, "its label has " + e.labelCount() + " values, expected "
                    + labelSize() + " like the first record's");
        }
        int bad = e.firstNonFiniteFeature();
        if (bad >= 0) {
            throw new BadRecordException(partition, position, "feature " + bad + " is " + e.features()[bad]
                    + ", not a finite number");
        }
        bad = e.firstNonFiniteLabel();
        if (bad >= 0) {
            throw new BadRecordException(partition, position, "label value " + bad + " is " + e.label()[bad]
                    + ", not a finite number");
        }
        return e;
    }

    /**
     * Stacks records {@code [from, to)} into a batch.
     *
     * @param records the records (not modified)
     * @param from the first, inclusive
     * @param to the last, exclusive
     * @return the batch
     */
    Batch batch(List<LabeledExample> records, int from, int to) {
        int n = to - from;
        int fs = featureSize();
        int ls = labelSize();
        double[] x = new double[n * fs];
        double[] y = new double[n * ls];
        for (int i = 0; i < n; i++) {
            records.get(from + i).copyFeatures(x, i * fs);
            records.get(from + i).copyLabel(y, i * ls);
        }
        return new Batch(Tensor.of(x, batched(n, features)), Tensor.of(y, batched(n, label)));
    }

    /**
     * @param n the batch dimension
     * @param perExample the per-example dimensions
     * @return {@code (n, ...perExample)}
     */
    static int[] batched(int n, int[] perExample) {
        int[] out = new int[perExample.length + 1];
        out[0] = n;
        System.arraycopy(perExample, 0, out, 1, perExample.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleShape s && Arrays.equals(features, s.features) && Arrays.equals(label, s.label);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(label);
    }

    @Override
    public String toString() {
        return "ExampleShape[features=" + Shapes.format(features) + ", label=" + Shapes.format(label) + "]";
    }
}
