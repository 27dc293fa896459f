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
import ai.lepton.models.Evaluation;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;

/**
 * Lepton's flagship example: a small convolutional network learns the handwritten digits that
 * ship with the repository (1,797 images of 8x8 pixels), then shows a few test digits beside its
 * predictions.
 *
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -f examples/pom.xml compile exec:exec
 * </pre>
 */
public final class DigitsCnn {
    private static final long SEED = 42;
    private static final int SHOWN = 6;
    private static final String SHADES = " .:-=+*#%@";

    private DigitsCnn() {
    }

    /**
     * Trains, evaluates and shows the model.
     *
     * @param args optionally the path of {@code digits.csv} (default {@code data/digits.csv})
     */
    public static void main(String[] args) {
        Path file = dataFile(args);
        Dataset digits = DataLoader.csv(file,
                CsvOptions.create().labelLast().header(false).divideBy(16).reshape(8, 8, 1)).dataset();
        Split split = digits.split(0.2, SEED);
        Dataset train = split.train();
        Dataset test = split.test();
        System.out.printf("%s: %d training and %d test images of 8x8 pixels%n%n", file, train.size(), test.size());

        Sequential model = new Sequential(
                new Conv2D(32, 3, "relu").padding("same").inputShape(8, 8, 1),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(64, "relu"),
                new Dense(10, "softmax")).seed(SEED);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.println(model.summary());

        long start = System.nanoTime();
        model.fit(train.x(), train.y(), FitOptions.create().epochs(15).batchSize(32).validationSplit(0.1));
        double seconds = (System.nanoTime() - start) / 1e9;

        Evaluation result = model.evaluate(test.x(), test.y());
        System.out.printf("%nTrained in %.1f s. Test accuracy: %.2f%% (loss %.4f)%n%n",
                seconds, 100 * result.accuracy(), result.loss());

        Tensor probabilities = model.predict(test.x());
        System.out.println("Confusion matrix on the test images:");
        System.out.println(ConfusionMatrix.of(test.y(), probabilities, 10));
        System.out.println(show(test.x(), test.y(), probabilities.argmax(-1)));
    }

    private static Path dataFile(String[] args) {
        if (args.length > 0) {
            return Path.of(args[0]);
        }
        return Path.of("data/digits.csv");
    }

    /** The first test digits as ASCII art, side by side, with predicted and true labels below. */
    private static String show(Tensor images, Tensor labels, Tensor predicted) {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 8; row++) {
            for (int i = 0; i < SHOWN; i++) {
                for (int col = 0; col < 8; col++) {
                    double v = images.get(i, row, col, 0);
                    char shade = SHADES.charAt((int) Math.min(SHADES.length() - 1, v * SHADES.length()));
                    text.append(shade).append(shade);
                }
                text.append("   ");
            }
            text.append('\n');
        }
        for (int i = 0; i < SHOWN; i++) {
            int p = (int) predicted.get(i);
            int t = (int) labels.get(i);
            text.append(String.format("%-16s   ", "pred " + p + (p == t ? " ok" : " true " + t)));
        }
        return text.append('\n').toString();
    }
}
