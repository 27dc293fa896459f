package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bad record on an executor stops training before the first step, naming its partition and position. */
@ExtendWith(LocalSpark.class)
class BadRecordTest {
    private static final int PER_PARTITION = 10;
    private static final int PARTITIONS = 3;

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(4, "relu").inputShape(3), new Dense(2, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Good examples, except the one at {@code (partition, position)}. */
    private static List<LabeledExample> withBad(int partition, int position, LabeledExample bad) {
        List<LabeledExample> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                out.add(p == partition && i == position ? bad : LabeledExample.of(new double[] {p, i, 1}, i % 2));
            }
        }
        return out;
    }

    private static BadRecordException fitFails(List<LabeledExample> data) {
        Sequential model = model();
        List<Double> before = List.of(model.getWeights().get(0).toArray()[0]);
        BadRecordException e = assertThrows(BadRecordException.class, () -> SparkTrainer.of(model)
                .fit(LocalSpark.context().parallelize(data, PARTITIONS), FitOptions.create().verbose(0)));
        assertEquals(before, List.of(model.getWeights().get(0).toArray()[0]), "no step may be taken");
        return e;
    }

    @Test
    void aRecordWithTooFewFeaturesIsReportedWithItsPartitionAndPosition() {
        BadRecordException e = fitFails(withBad(2, 7, LabeledExample.of(new double[] {1, 2}, 0)));
        assertEquals(2, e.partition());
        assertEquals(7, e.position());
        assertTrue(e.getMessage().contains("partition 2, position 7: it has 2 features, the model expects 3 (input shape (3,))"),
                e.getMessage());
    }

    @Test
    void aFeatureThatIsNotFiniteIsReported() {
        BadRecordException e = fitFails(withBad(1, 4, LabeledExample.of(new double[] {1, Double.NaN, 2}, 0)));
        assertEquals(1, e.partition());
        assertEquals(4, e.position());
        assertTrue(e.getMessage().contains("feature 1 is NaN"), e.getMessage());
    }

    @Test
    void aNullLabelInADataFrameIsReported() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(RowFactory.create(new double[] {i, 1, 2}, i == 5 ? null : (double) (i % 2)));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.DoubleType);
        Dataset<Row> df = LocalSpark.session().createDataFrame(rows, schema).coalesce(1);
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> SparkTrainer.of(model()).fit(df, FitOptions.create().verbose(0)));
        assertEquals(0, e.partition());
        assertEquals(5, e.position());
        assertTrue(e.getMessage().contains("column 'label' is null"), e.getMessage());
    }

    @Test
    void aBadInputToPredictIsReportedWhenThePredictionsAreComputed() {
        Sequential model = model();
        List<double[]> inputs = List.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}, new double[] {7, 8});
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> {
                    try {
                        SparkPredictor.of(model).predict(LocalSpark.context().parallelize(inputs, 1)).collect();
                    } catch (Exception thrown) {
                        throw Failures.unwrap(thrown);
                    }
                });
        assertEquals(0, e.partition());
        assertEquals(2, e.position());
    }
}
