package ai.lepton.examples;

import ai.lepton.data.CsvOptions;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.Split;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.metrics.ConfusionMatrix;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import ai.lepton.viz.ConfusionMatrixImage;
import ai.lepton.viz.FilterGrid;
import ai.lepton.viz.SampleGrid;
import ai.lepton.viz.TrainingCurves;
import ai.lepton.viz.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shows what a small CNN learns on the digits that ship with the repository: it trains, then
 * writes the training curves (PNG and SVG), the confusion matrix, a grid of test digits with the
 * mistakes marked, the first layer's filters, and one HTML report holding all of them.
 *
 * <pre>
 * mvn -q -f examples/pom.xml compile exec:exec -Dmain.class=ai.lepton.examples.DigitsReport
 * </pre>
 */
public final class DigitsReport {
    private static final long SEED = 42;
    private static final int CLASSES = 10;

    private DigitsReport() {
    }

    /**
     * Trains and writes the pictures.
     *
     * @param args optionally the output folder (default {@code target/viz}), then the path of
     *        {@code digits.csv} (default {@code data/digits.csv} or {@code ../data/digits.csv})
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "target/viz");
        Path file = args.length > 1 ? Path.of(args[1])
                : Files.exists(Path.of("data/digits.csv")) ? Path.of("data/digits.csv") : Path.of("../data/digits.csv");
        Dataset digits = DataLoader.csv(file,
                CsvOptions.create().labelLast().header(false).divideBy(16).reshape(8, 8, 1)).dataset();
        Split split = digits.split(0.2, SEED);
        Dataset test = split.test();

        Sequential model = new Sequential(
                new Conv2D(16, 3, "relu").padding("same").inputShape(8, 8, 1),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(64, "relu"),
                new Dense(CLASSES, "softmax")).seed(SEED).name("digits_cnn");
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");

        History history = model.fit(split.train().x(), split.train().y(), FitOptions.create()
                .epochs(12).batchSize(32).validationSplit(0.15).verbose(2)
                .callbacks(new TrainingReport(out.resolve("report.html"), test).title("What a small CNN learns on digits")));

        TrainingCurves curves = TrainingCurves.of(history);
        curves.savePng(out.resolve("curves.png"));
        curves.saveSvg(out.resolve("curves.svg"));
        Tensor probabilities = model.predict(test.x());
        ConfusionMatrixImage.of(ConfusionMatrix.of(test.y(), probabilities, CLASSES)).savePng(out.resolve("confusion.png"));
        SampleGrid.of(test.x(), test.y(), probabilities).limit(24).savePng(out.resolve("samples.png"));
        FilterGrid.firstConv(model).savePng(out.resolve("filters.png"));
        System.out.println("Wrote report.html, curves.png, curves.svg, confusion.png, samples.png and filters.png to "
                + out.toAbsolutePath());
    }
}
