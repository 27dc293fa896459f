package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.callbacks.EarlyStopping;
import ai.lepton.callbacks.ModelCheckpoint;
import ai.lepton.layers.Dense;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The usual callbacks, validation and progress run on the driver as in {@code Sequential.fit}. */
@ExtendWith(LocalSpark.class)
class SparkTrainerCallbacksTest {
    private static final int EXAMPLES = 96;

    @Test
    void earlyStoppingCheckpointsValidationAndProgressWorkOnTheDriver(@TempDir Path dir) {
        Tensor x = Tensor.randn(1, EXAMPLES, 4);
        Tensor y = x.matmul(Tensor.randn(2, 4, 3)).argmax(1);
        Sequential model = new Sequential(new Dense(8, "relu").inputShape(4), new Dense(3, "softmax")).seed(1);
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x, y), 2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        History h = SparkTrainer.of(model).fit(data, FitOptions.create().epochs(10).batchSize(32)
                .validationData(x, y)
                .output(new PrintStream(progress, true, StandardCharsets.UTF_8))
                .verbose(2)
                .callbacks(new EarlyStopping().monitor("loss").minDelta(10).patience(1),
                        new ModelCheckpoint(dir.resolve("epoch-{epoch:02d}.lepton").toString())));

        assertEquals(List.of(0, 1), h.epochs(), "a loss that cannot improve by 10 stops training after patience 1");
        assertTrue(h.keys().containsAll(List.of("loss", "accuracy", "val_loss", "val_accuracy")), h.keys().toString());
        assertTrue(Files.exists(dir.resolve("epoch-01.lepton")) && Files.exists(dir.resolve("epoch-02.lepton")));
        assertEquals(model.evaluate(x, y).loss(), Sequential.load(dir.resolve("epoch-02.lepton")).evaluate(x, y).loss(),
                "the checkpoint holds the driver's weights");
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.startsWith("Epoch 1/10\n3/3 - ") && lines.contains("ms/step - accuracy: ")
                && lines.contains("Epoch 2/10\n3/3 - "), lines);
    }
}
