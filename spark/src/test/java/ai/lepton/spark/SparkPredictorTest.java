package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.optimizers.Adam;
import ai.lepton.models.Evaluation;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Distributed predict and evaluate give what the model gives on one machine. */
@ExtendWith(LocalSpark.class)
class SparkPredictorTest {
    private static final int EXAMPLES = 103;
    private static final double SUM_ORDER_TOLERANCE = 1e-12;

    private static Sequential trained() {
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(5), new Dense(3, "softmax")).seed(3);
        model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");
        model.fit(x(), y(), FitOptions.create().epochs(20).batchSize(16).verbose(0));
        return model;
    }

    private static Tensor x() {
        return Tensor.randn(7, EXAMPLES, 5);
    }

    private static Tensor y() {
        return x().matmul(Tensor.randn(8, 5, 3)).argmax(1);
    }

    private static List<double[]> rows(Tensor t) {
        List<double[]> out = new ArrayList<>();
        int n = t.shape()[0];
        int row = t.size() / n;
        double[] v = t.toArray();
        for (int i = 0; i < n; i++) {
            out.add(Arrays.copyOfRange(v, i * row, (i + 1) * row));
        }
        return out;
    }

    @Test
    void predictOverAnRddEqualsPredictOnOneMachineBitForBit() {
        Sequential model = trained();
        List<double[]> expected = rows(model.predict(x()));
        List<double[]> actual = SparkPredictor.of(model).batchSize(10)
                .predict(LocalSpark.context().parallelize(rows(x()), 3)).collect();
        assertEquals(EXAMPLES, actual.size());
        for (int i = 0; i < EXAMPLES; i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "example " + i);
        }
    }

    @Test
    void predictAddsAColumnToADataFrame() {
        Sequential model = trained();
        List<Row> rows = new ArrayList<>();
        List<double[]> xs = rows(x());
        for (int i = 0; i < EXAMPLES; i++) {
            rows.add(RowFactory.create((long) i, xs.get(i)));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> df = LocalSpark.session().createDataFrame(rows, schema).repartition(4);
        List<Row> scored = SparkPredictor.of(model).predict(df, "features", "probabilities").collectAsList();
        List<double[]> expected = rows(model.predict(x()));
        assertEquals(EXAMPLES, scored.size());
        for (Row r : scored) {
            int id = (int) r.getLong(0);
            List<Double> p = r.getList(2);
            assertArrayEquals(expected.get(id), p.stream().mapToDouble(Double::doubleValue).toArray(), "example " + id);
        }
    }

    @Test
    void evaluateEqualsEvaluateOnOneMachine() {
        Sequential model = trained();
        Evaluation expected = model.evaluate(x(), y());
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x(), y()), 4);
        Evaluation actual = SparkPredictor.of(model).evaluate(data);
        assertEquals(expected.loss(), actual.loss(), SUM_ORDER_TOLERANCE);
        assertEquals(expected.accuracy(), actual.accuracy(), SUM_ORDER_TOLERANCE);
        assertTrue(expected.accuracy() > 0.8, "the model must have learned something: " + expected);
    }

    @Test
    void evaluateOverADataFrameEqualsEvaluateOnOneMachine() {
        Sequential model = trained();
        List<Row> rows = new ArrayList<>();
        List<double[]> xs = rows(x());
        double[] ys = y().toArray();
        for (int i = 0; i < EXAMPLES; i++) {
            rows.add(RowFactory.create(xs.get(i), ys[i]));
        }
        StructType schema = new StructType()
                .add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("digit", DataTypes.DoubleType);
        Dataset<Row> df = LocalSpark.session().createDataFrame(rows, schema);
        Evaluation actual = SparkPredictor.of(model).evaluate(df, "pixels", "digit");
        assertEquals(model.evaluate(x(), y()).loss(), actual.loss(), SUM_ORDER_TOLERANCE);
    }

    @Test
    void metricsThatAreNotMeansOverExamplesCombineExactlyAcrossPartitions() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(2)).seed(3);
        model.compile("sgd", "binary_crossentropy", "precision", "recall");
        Tensor x = Tensor.randn(5, 40, 2);
        double[] labels = new double[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.get(i, 0) > 0 ? 1 : 0;
        }
        Tensor y = Tensor.of(labels, 40, 1);
        List<LabeledExample> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            examples.add(LabeledExample.of(new double[] {x.get(i, 0), x.get(i, 1)}, labels[i]));
        }
        Evaluation local = model.evaluate(x, y);
        Evaluation spark = SparkPredictor.of(model).evaluate(LocalSpark.context().parallelize(examples, 3));
        assertEquals(local.metric("precision"), spark.metric("precision"), 0.0, "precision's counts add up exactly");
        assertEquals(local.metric("recall"), spark.metric("recall"), 0.0);
        assertEquals(local.loss(), spark.loss(), SUM_ORDER_TOLERANCE);
    }
}
