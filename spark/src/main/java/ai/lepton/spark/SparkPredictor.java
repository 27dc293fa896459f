package ai.lepton.spark;

import ai.lepton.models.Evaluation;
import ai.lepton.autograd.NoGrad;
import ai.lepton.data.Batch;
import ai.lepton.models.EpochLogs;
import ai.lepton.models.Model;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Distributed inference with a trained {@link Model}: {@link #predict} over an RDD of
 * feature arrays or a DataFrame column, and {@link #evaluate} over labelled data. Each call
 * broadcasts the model once (as its model file's bytes); each executor thread reads it once and
 * runs its partitions in batches. Predictions keep the input's partitioning and order.
 *
 * <pre>{@code
 * SparkPredictor predictor = SparkPredictor.of(model);
 * Dataset<Row> scored = predictor.predict(images, "features", "probabilities");
 * Evaluation test = predictor.evaluate(testExamples);
 * System.out.println(test.accuracy());
 * }</pre>
 */
public final class SparkPredictor {
    private final Model model;
    private int batchSize = Model.DEFAULT_BATCH_SIZE;

    private SparkPredictor(Model model) {
        this.model = model;
    }

    /**
     * @param model the model (it is copied when a call broadcasts it; later changes do not reach earlier calls)
     * @return a predictor for it
     */
    public static SparkPredictor of(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("SparkPredictor.of: the model must not be null");
        }
        return new SparkPredictor(model);
    }

    /**
     * @param n examples per forward pass on the executors (default {@value Model#DEFAULT_BATCH_SIZE})
     * @return this predictor
     */
    public SparkPredictor batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("SparkPredictor: batchSize must be at least 1. Received: batchSize=" + n);
        }
        batchSize = n;
        return this;
    }

    /**
     * The model's outputs, one flat array per input, lazily (as any RDD transformation).
     *
     * @param features one flat, row-major array per example, sized for the model's input shape
     * @return the outputs, in the same partitions and order
     * @throws BadRecordException when the result is computed, for an input of the wrong size or
     *         with a value that is not finite, naming its partition and position
     */
    public JavaRDD<double[]> predict(JavaRDD<double[]> features) {
        int[] inputShape = inputShape(features.first().length);
        Broadcast<byte[]> bytes = broadcast(features.context());
        int batch = batchSize;
        return features.mapPartitionsWithIndex((p, it) -> predictPartition(bytes, inputShape, batch, p, it), true);
    }

    /**
     * Adds the model's outputs to a DataFrame as a column of {@code array<double>}.
     *
     * @param data the rows
     * @param featuresCol the column of the inputs, arrays of numbers
     * @param outputCol the name of the new column
     * @return the rows with the new column, in the same partitions and order
     */
    public Dataset<Row> predict(Dataset<Row> data, String featuresCol, String outputCol) {
        int field = data.schema().fieldIndex(featuresCol);
        JavaRDD<Row> rows = data.javaRDD();
        Row first = rows.first();
        int[] inputShape = inputShape(Rows.numbers(first, field, featuresCol, 0, 0).length);
        Broadcast<byte[]> bytes = broadcast(data.sparkSession().sparkContext());
        int batch = batchSize;
        JavaRDD<Row> scored = rows.mapPartitionsWithIndex(
                (p, it) -> scorePartition(bytes, inputShape, batch, field, featuresCol, p, it), true);
        StructType schema = data.schema().add(outputCol, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return data.sparkSession().createDataFrame(scored, schema);
    }

    /**
     * The loss and the compiled metrics over all the examples, as {@link Model#evaluate} would
     * compute them on one machine (up to the order of sums): each partition returns the sums and
     * counts behind its values, which the driver adds in partition order.
     *
     * @param data the examples
     * @return the loss and metrics
     * @throws BadRecordException naming the partition and position of a record that cannot be used
     */
    public Evaluation evaluate(JavaRDD<LabeledExample> data) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("SparkPredictor.evaluate: " + model.describe()
                    + " is not compiled; call compile(optimizer, loss, metrics...) first");
        }
        ExampleShape shape = ExampleShape.of(model, data.first());
        Batch sample = shape.batch(List.of(data.first()), 0, 1);
        EpochLogs logs = model.newLogs(sample);
        Broadcast<byte[]> bytes = broadcast(data.context());
        int batch = batchSize;
        List<double[]> parts;
        try {
            parts = data.mapPartitionsWithIndex((p, it) -> evaluatePartition(bytes, shape, batch, p, it), true).collect();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        } finally {
            bytes.destroy();
        }
        parts.forEach(logs::merge);
        if (logs.examples() == 0) {
            throw new IllegalArgumentException("SparkPredictor.evaluate: there are no examples to evaluate on");
        }
        return new Evaluation(logs.values());
    }

    /**
     * Evaluates on a DataFrame's feature and label columns.
     *
     * @param data the rows
     * @param featuresCol the column of the inputs, arrays of numbers
     * @param labelCol the column of the labels, numbers or arrays of numbers
     * @return the loss and metrics
     */
    public Evaluation evaluate(Dataset<Row> data, String featuresCol, String labelCol) {
        return evaluate(SparkTrainer.examples(data, featuresCol, labelCol));
    }

    private int[] inputShape(int featureCount) {
        return model.inputShapes().isEmpty() ? new int[] {featureCount} : model.inputShapes().get(0);
    }

    private Broadcast<byte[]> broadcast(org.apache.spark.SparkContext context) {
        return JavaSparkContext.fromSparkContext(context).broadcast(ModelBytes.of(model));
    }

    private static Iterator<double[]> predictPartition(Broadcast<byte[]> bytes, int[] inputShape, int batch, int partition,
            Iterator<double[]> it) {
        List<double[]> inputs = new ArrayList<>();
        it.forEachRemaining(inputs::add);
        return outputs(bytes, inputShape, batch, partition, inputs).iterator();
    }

    private static Iterator<Row> scorePartition(Broadcast<byte[]> bytes, int[] inputShape, int batch, int field,
            String featuresCol, int partition, Iterator<Row> it) {
        List<Row> rows = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        long position = 0;
        while (it.hasNext()) {
            Row row = it.next();
            rows.add(row);
            inputs.add(Rows.numbers(row, field, featuresCol, partition, position++));
        }
        List<double[]> outputs = outputs(bytes, inputShape, batch, partition, inputs);
        List<Row> scored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = new Object[rows.get(i).size() + 1];
            for (int k = 0; k < values.length - 1; k++) {
                values[k] = rows.get(i).get(k);
            }
            values[values.length - 1] = outputs.get(i);
            scored.add(RowFactory.create(values));
        }
        return scored.iterator();
    }

    private static List<double[]> outputs(Broadcast<byte[]> bytes, int[] inputShape, int batch, int partition,
            List<double[]> inputs) {
        int size = 1;
        for (int d : inputShape) {
            size *= d;
        }
        for (int i = 0; i < inputs.size(); i++) {
            double[] in = inputs.get(i);
            if (in == null || in.length != size) {
                throw new BadRecordException(partition, i, (in == null ? "the input is null" : "it has " + in.length
                        + " features") + ", the model expects " + size);
            }
            for (int k = 0; k < in.length; k++) {
                if (!Double.isFinite(in[k])) {
                    throw new BadRecordException(partition, i, "feature " + k + " is " + in[k] + ", not a finite number");
                }
            }
        }
        List<double[]> out = new ArrayList<>(inputs.size());
        if (inputs.isEmpty()) {
            return out;
        }
        Model local = ModelBytes.onThisThread(bytes);
        for (int from = 0; from < inputs.size(); from += batch) {
            int to = Math.min(inputs.size(), from + batch);
            double[] x = new double[(to - from) * size];
            for (int i = from; i < to; i++) {
                System.arraycopy(inputs.get(i), 0, x, (i - from) * size, size);
            }
            Tensor y = local.predict(Tensor.of(x, ExampleShape.batched(to - from, inputShape)), batch);
            double[] values = y.toArray();
            int row = values.length / (to - from);
            for (int i = 0; i < to - from; i++) {
                double[] one = new double[row];
                System.arraycopy(values, i * row, one, 0, row);
                out.add(one);
            }
        }
        return out;
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private static Iterator<double[]> evaluatePartition(Broadcast<byte[]> bytes, ExampleShape shape, int batch,
            int partition, Iterator<LabeledExample> it) {
        List<LabeledExample> examples = new ArrayList<>();
        long position = 0;
        while (it.hasNext()) {
            examples.add(shape.check(it.next(), partition, position++));
        }
        if (examples.isEmpty()) {
            return List.<double[]>of().iterator();
        }
        Model local = ModelBytes.onThisThread(bytes);
        EpochLogs logs = local.newLogs(shape.batch(examples, 0, 1));
        try (NoGrad g = NoGrad.enter()) {
            for (int from = 0; from < examples.size(); from += batch) {
                local.computeLoss(shape.batch(examples, from, Math.min(examples.size(), from + batch)), false, logs);
            }
        }
        return List.of(logs.state()).iterator();
    }
}
