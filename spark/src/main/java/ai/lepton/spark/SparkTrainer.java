package ai.lepton.spark;

import ai.lepton.data.Batch;
import ai.lepton.layers.Variable;
import ai.lepton.models.EpochLogs;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Model;
import ai.lepton.models.TrainStep;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training of a {@link Model} on Spark. The driver holds the model and
 * its optimizer, and runs the model's own epoch loop ({@link Model#fit(TrainStep, FitOptions)}:
 * callbacks, running means, validation, stopping) with a Spark step plugged in: each step it
 * broadcasts the weights, every partition computes the gradient of its part of the global batch
 * with {@link Model#computeLoss} (its loss scaled by its share), the driver sums the partitions'
 * gradients and logs and applies one optimizer step ({@code Optimizer.apply(weights, gradients)}).
 * The returned {@link History} holds the same keys as a local {@code fit}.
 *
 * <p>Equivalence: batch {@code s} is examples {@code [s*B, (s+1)*B)} of the data in RDD order,
 * cut into one contiguous part per partition. Without shuffling, training gives the weights of
 * single-machine {@code model.fit(x, y, options)} on the same examples in the same order, up to
 * the order of floating-point sums (measured within 1e-12 relative; tested within 1e-9), except
 * for Dropout, whose masks are drawn per step and partition. With shuffling, each partition
 * shuffles its own examples every epoch, in an order given by the seed, the partition and the
 * epoch alone. Sums are taken in partition order, so a run is reproducible bit for bit whatever
 * order the tasks finish in, and a task that Spark retries (a lost executor, a failed attempt)
 * computes exactly what the failed one would have. Every compiled metric combines exactly across
 * partitions: each partition returns its metrics' sums and counts, which the driver adds.
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
    private final Model model;
    private int partitions;
    private String featuresCol = "features";
    private String labelCol = "label";

    private SparkTrainer(Model model) {
        this.model = model;
    }

    /**
     * @param model a compiled model; it is trained in place on the driver
     * @return a trainer for it
     */
    public static SparkTrainer of(Model model) {
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
     * @param options as for {@link Model#fit(ai.lepton.tensor.Tensor, ai.lepton.tensor.Tensor, FitOptions)}
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
        if (!model.isCompiled()) {
            throw new IllegalStateException("SparkTrainer.fit: " + model.describe()
                    + " is not compiled; call compile(optimizer, loss, metrics...) first");
        }
        if (options.validationSplit() > 0 || options.detectAnomaly()) {
            throw new IllegalArgumentException("SparkTrainer.fit: validationSplit and detectAnomaly are not supported on "
                    + "Spark; pass validationData (evaluated on the driver) or debug with Model.fit on a sample");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("SparkTrainer.fit: there are no examples to train on");
        }
        ExampleShape shape = ExampleShape.of(model, data.first());
        Batch sample = shape.batch(List.of(data.first()), 0, 1);
        model.losses().get(0).validate(sample.y(), model.predict(sample.x()).shape());
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
            return model.fit(new SparkStep(sc, shards, modelBytes, placement, sample, options), options);
        } finally {
            shards.unpersist(false);
            modelBytes.destroy();
        }
    }

    /** One distributed step: broadcast the weights, a gradient per partition, their sum applied on the driver. */
    private final class SparkStep implements TrainStep {
        private final JavaSparkContext sc;
        private final JavaRDD<Shard> shards;
        private final Broadcast<byte[]> modelBytes;
        private final StepPartitioner placement;
        private final Batch sample;
        private final FitOptions options;

        SparkStep(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<byte[]> modelBytes, StepPartitioner placement,
                Batch sample, FitOptions options) {
            this.sc = sc;
            this.shards = shards;
            this.modelBytes = modelBytes;
            this.placement = placement;
            this.sample = sample;
            this.options = options;
        }

        @Override
        public Batch sample() {
            return sample;
        }

        @Override
        public int stepsPerEpoch() {
            return placement.steps();
        }

        @Override
        public int batchSize() {
            return options.batchSize();
        }

        @Override
        public void run(int epoch, int step, EpochLogs logs) {
            List<Tensor> weights = model.trainableWeights();
            double[][] values = new double[weights.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = weights.get(i).toArray();
            }
            List<Variable> statistics = PartitionStep.movingStatistics(model);
            List<Tensor> statisticValues = statistics.stream().map(Variable::value).toList();
            Broadcast<double[][]> current = sc.broadcast(values);
            Broadcast<double[][]> moving = sc.broadcast(statisticValues.stream().map(Tensor::toArray).toArray(double[][]::new));
            List<StepResult> parts;
            try {
                PartitionStep task = new PartitionStep(modelBytes, current, moving, epoch, step, placement.batchSize(step),
                        model.optimizer().iterations(), placement.numPartitions(), options.shuffle(),
                        options.seedOr(model.seed()));
                parts = shards.map(task).collect();
            } catch (Exception e) {
                throw Failures.unwrap(e);
            } finally {
                current.destroy();
                moving.destroy();
            }
            for (StepResult part : parts) {
                if (part.logs() != null) {
                    logs.merge(part.logs());
                }
            }
            model.optimizer().apply(weights, StepResult.gradientSum(parts, weights));
            model.applyConstraints();
            List<Tensor> updated = StepResult.statisticsSum(parts, statisticValues);
            for (int i = 0; i < statistics.size(); i++) {
                statistics.get(i).assign(updated.get(i));
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
