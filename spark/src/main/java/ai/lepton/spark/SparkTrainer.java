package ai.lepton.spark;

import ai.lepton.metrics.MeanMetric;
import ai.lepton.metrics.Metrics;
import ai.lepton.models.Callback;
import ai.lepton.models.Evaluation;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training of a {@link Sequential} model on Spark. The driver holds
 * the model and its optimizer; each step it broadcasts the weights, every partition computes the
 * gradient of its part of the global batch ({@link Sequential#gradients}, its loss scaled by its
 * share), the driver sums the partitions' gradients and applies one optimizer step
 * ({@link Optimizer#apply(List, List)}). The callbacks (early stopping, checkpoints, learning-rate
 * schedules, CSV logs, ...) run on the driver as in {@link Sequential#fit}, and the returned
 * {@link History} holds the same keys.
 *
 * <p>Equivalence: batch {@code s} is examples {@code [s*B, (s+1)*B)} of the data in RDD order,
 * cut into one contiguous part per partition. Without shuffling, training gives the weights of
 * single-machine {@code model.fit(x, y, options)} on the same examples in the same order, up to
 * the order of floating-point sums (measured within 1e-12 relative; tested within 1e-9), except
 * for Dropout, whose masks are drawn per step and partition. With shuffling, each partition
 * shuffles its own examples every epoch. Sums are taken in partition order, so a run is
 * reproducible bit for bit whatever order the tasks finish in, and a task that Spark retries
 * (a lost executor, a failed attempt) computes exactly what the failed one would have.
 *
 * <p>Records are checked before the first step; a bad one throws a {@link BadRecordException}
 * naming its partition and position. {@link FitOptions#validationData} is evaluated on the
 * driver; {@code validationSplit} and {@code detectAnomaly} are not supported here.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(64, "relu").inputShape(784), new Dense(10, "softmax"));
 * model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
 * JavaRDD<LabeledExample> train = ...;   // e.g. 60,000 images as 784 values and a class index
 * History history = SparkTrainer.of(model).fit(train, FitOptions.create()
 *         .epochs(5).batchSize(128).callbacks(new EarlyStopping().patience(2)));
 * }</pre>
 */
public final class SparkTrainer {
    private final Sequential model;
    private int partitions;
    private String featuresCol = "features";
    private String labelCol = "label";

    private SparkTrainer(Sequential model) {
        this.model = model;
    }

    /**
     * @param model a compiled model; it is trained in place on the driver
     * @return a trainer for it
     */
    public static SparkTrainer of(Sequential model) {
        if (model == null) {
            throw new IllegalArgumentException("SparkTrainer.of: the model must not be null");
        }
        return new SparkTrainer(model);
    }

    /**
     * @param n the number of partitions that share each batch (default: the input's partition count)
     * @return this trainer
     */
    public SparkTrainer partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("SparkTrainer: partitions must be at least 1. Received: partitions=" + n);
        }
        partitions = n;
        return this;
    }

    /**
     * @param features the DataFrame column of the features: an array of numbers (default {@code "features"})
     * @param label the column of the labels: a number or an array of numbers (default {@code "label"})
     * @return this trainer
     */
    public SparkTrainer columns(String features, String label) {
        featuresCol = features;
        labelCol = label;
        return this;
    }

    /**
     * Trains on a DataFrame's feature and label columns (see {@link #columns}).
     *
     * <pre>{@code
     * Dataset<Row> df = spark.read().parquet("train.parquet");   // features: array<double>, label: double
     * History h = SparkTrainer.of(model).fit(df, FitOptions.create().epochs(3).batchSize(256));
     * }</pre>
     *
     * @param data the rows
     * @param options as for {@link Sequential#fit(Tensor, Tensor, FitOptions)}
     * @return the loss and metrics per epoch
     * @throws BadRecordException naming the partition and position of a row that cannot be used
     */
    public History fit(Dataset<Row> data, FitOptions options) {
        return fit(examples(data, featuresCol, labelCol), options);
    }

    /**
     * Trains on an RDD of examples, synchronously: one optimizer step per global batch of
     * {@link FitOptions#batchSize} examples, shared by the partitions.
     *
     * @param data the examples; cache it if computing it is expensive (it is read three times before training)
     * @param options epochs, batch size, shuffling and its seed, callbacks, validation data, verbosity
     * @return the loss and metrics per epoch
     * @throws BadRecordException naming the partition and position of a record that cannot be used
     * @throws IllegalStateException if the model is not compiled
     */
    public History fit(JavaRDD<LabeledExample> data, FitOptions options) {
        if (model.optimizer() == null || model.loss() == null) {
            throw new IllegalStateException("SparkTrainer.fit: Sequential '" + model.name()
                    + "' is not compiled; call compile(optimizer, loss, metrics...) first");
        }
        if (options.validationSplit() > 0 || options.detectAnomaly()) {
            throw new IllegalArgumentException("SparkTrainer.fit: validationSplit and detectAnomaly are not supported on "
                    + "Spark; pass validationData (evaluated on the driver) or debug with Sequential.fit on a sample");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("SparkTrainer.fit: there are no examples to train on");
        }
        ExampleShape shape = ExampleShape.of(model, data.first());
        Tensor[] sample = shape.batch(List.of(data.first()), 0, 1);
        model.loss().validate(sample[1], model.predict(sample[0]).shape());
        checkMeanMetrics(sample);
        JavaRDD<LabeledExample> checked = data.mapPartitionsWithIndex(
                (p, it) -> withPositions(it, (example, position) -> shape.check(example, p, position)), true);
        long n;
        try {
            n = checked.count();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
        StepPartitioner placement = new StepPartitioner(n, options.batchSize(),
                partitions > 0 ? partitions : data.getNumPartitions());
        int batch = options.batchSize();
        int steps = placement.steps();
        JavaRDD<Shard> shards = checked.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(placement)
                .mapPartitionsWithIndex((p, it) -> List.of(Shard.of(p, it, batch, steps, shape)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        Broadcast<byte[]> modelBytes = sc.broadcast(ModelBytes.of(model));
        try {
            shards.count();
            return new DriverLoop(sc, shards, modelBytes, placement, options).run();
        } finally {
            shards.unpersist(false);
            modelBytes.destroy();
        }
    }

    /** The driver's training loop: callbacks, one distributed step per batch, validation. */
    private final class DriverLoop {
        private final JavaSparkContext sc;
        private final JavaRDD<Shard> shards;
        private final Broadcast<byte[]> modelBytes;
        private final StepPartitioner placement;
        private final FitOptions options;
        private final List<Tensor> weights = model.trainableWeights();

        DriverLoop(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<byte[]> modelBytes, StepPartitioner placement,
                FitOptions options) {
            this.sc = sc;
            this.shards = shards;
            this.modelBytes = modelBytes;
            this.placement = placement;
            this.options = options;
        }

        History run() {
            model.optimizer().build(weights);
            History history = new History();
            List<Callback> callbacks = new ArrayList<>(options.callbacks());
            if (options.verbose() > 0) {
                long perEpoch = 0;
                for (int s = 0; s < placement.steps(); s++) {
                    perEpoch += placement.batchSize(s);
                }
                callbacks.add(new EpochLine(options.output(), options.epochs(), perEpoch));
            }
            callbacks.add(history);
            model.stopTraining(false);
            callbacks.forEach(c -> c.setModel(model));
            callbacks.forEach(c -> c.onTrainBegin(new TreeMap<>()));
            Map<String, Double> epochLogs = new TreeMap<>();
            List<String> metrics = model.metricNames();
            for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
                int e = epoch;
                callbacks.forEach(c -> c.onEpochBegin(e, new TreeMap<>()));
                Map<String, Double> logs = new TreeMap<>();
                double lossSum = 0;
                double[] metricSums = new double[metrics.size()];
                long seen = 0;
                for (int step = 0; step < placement.steps(); step++) {
                    int s = step;
                    callbacks.forEach(c -> c.onBatchBegin(s, new TreeMap<>()));
                    StepResult r = step(epoch, step, metrics);
                    model.optimizer().apply(weights, r.gradients(weights));
                    lossSum += r.lossSum();
                    seen += r.count();
                    logs = new TreeMap<>();
                    logs.put("loss", lossSum / seen);
                    for (int m = 0; m < metricSums.length; m++) {
                        metricSums[m] += r.metricSum(m);
                        logs.put(metrics.get(m), metricSums[m] / seen);
                    }
                    Map<String, Double> batchLogs = logs;
                    callbacks.forEach(c -> c.onBatchEnd(s, batchLogs));
                    if (model.stopTraining()) {
                        break;
                    }
                }
                Map<String, Double> ended = new TreeMap<>(logs);
                validation().forEach((k, v) -> ended.put("val_" + k, v));
                callbacks.forEach(c -> c.onEpochEnd(e, ended));
                epochLogs = ended;
                if (model.stopTraining()) {
                    break;
                }
            }
            Map<String, Double> last = epochLogs;
            callbacks.forEach(c -> c.onTrainEnd(last));
            return history;
        }

        private StepResult step(int epoch, int step, List<String> metrics) {
            double[][] values = new double[weights.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = weights.get(i).toArray();
            }
            Broadcast<double[][]> current = sc.broadcast(values);
            try {
                PartitionStep task = new PartitionStep(modelBytes, current, epoch, step, placement.batchSize(step),
                        model.optimizer().iterations(), placement.numPartitions(), options.shuffle(),
                        options.seedOr(model.seed()), metrics);
                return StepResult.sum(shards.map(task).collect(), metrics.size());
            } finally {
                current.destroy();
            }
        }

        private Map<String, Double> validation() {
            Evaluation e = null;
            if (options.validationX() != null) {
                e = model.evaluate(options.validationX(), options.validationY());
            } else if (options.validationLoader() != null) {
                e = model.evaluate(options.validationLoader());
            }
            return e == null ? Map.of() : e.values();
        }
    }

    private void checkMeanMetrics(Tensor[] sample) {
        int[] predictionShape = model.predict(sample[0]).shape();
        for (String name : model.metricNames()) {
            if (!(Metrics.get(name, sample[1].shape(), predictionShape) instanceof MeanMetric)) {
                throw new IllegalArgumentException("SparkTrainer: metric '" + name + "' is not a mean over examples, so "
                        + "partitions cannot combine it; compile without it and evaluate it on the driver");
            }
        }
    }

    /**
     * @param data rows with a features and a label column
     * @param featuresCol the features column
     * @param labelCol the label column
     * @return the rows as examples, partition by partition
     */
    static JavaRDD<LabeledExample> examples(Dataset<Row> data, String featuresCol, String labelCol) {
        return data.select(featuresCol, labelCol).javaRDD()
                .mapPartitionsWithIndex(
                        (p, it) -> withPositions(it, (row, position) -> Rows.example(row, featuresCol, labelCol, p, position)), true);
    }

    /** A partition's records mapped one by one, each with its position in the partition (for error messages). */
    private static <T> Iterator<LabeledExample> withPositions(Iterator<T> it, PositionedMap<T> map) {
        return new Iterator<>() {
            private long position;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public LabeledExample next() {
                return map.apply(it.next(), position++);
            }
        };
    }

    /** Turns the record at a position of a partition into an example. */
    @FunctionalInterface
    private interface PositionedMap<T> {
        LabeledExample apply(T record, long position);
    }
}
