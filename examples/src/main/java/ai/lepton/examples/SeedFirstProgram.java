package ai.lepton.examples;

import ai.lepton.data.CsvOptions;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Datasets;
import ai.lepton.data.ExportImages;
import ai.lepton.data.ImageOptions;
import ai.lepton.data.Images;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.models.Evaluation;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed article's first program, in Java, on real files: a CSV of labelled pixels for
 * training, a folder of PNG images per class for testing, then one image file to classify.
 *
 * <p>The files are made from Fashion-MNIST with {@link ExportImages}, the tool Lepton ships for
 * this: the first 12,000 training images become {@code train.csv} (label + 784 pixels), the first
 * 2,000 test images become {@code test/<class>/<n>.png}. Run it from the repository root with
 * {@code mvn -q -f examples/pom.xml compile exec:exec -Dmain.class=ai.lepton.examples.SeedFirstProgram};
 * it reads the Fashion-MNIST files from the folder given as its argument, or else through
 * {@link Datasets#folder(String)} (a local copy such as Debian's {@code dataset-fashion-mnist}
 * package, or a download).
 */
public final class SeedFirstProgram {
    private static final List<String> CLASSES = List.of("T-shirt-top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private SeedFirstProgram() {
    }

    /**
     * @param args optionally a folder holding the four Fashion-MNIST IDX files (gzipped)
     * @throws Exception if the data cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        Path fashion = args.length > 0 ? Path.of(args[0]) : Datasets.folder("fashion-mnist");
        Path work = Files.createDirectories(Path.of("target", "seed-first-program"));

        long start = System.nanoTime();
        ExportImages.toCsv(fashion.resolve("train-images-idx3-ubyte.gz"), fashion.resolve("train-labels-idx1-ubyte.gz"),
                work.resolve("train.csv"), 12_000);
        ExportImages.toFolders(fashion.resolve("t10k-images-idx3-ubyte.gz"), fashion.resolve("t10k-labels-idx1-ubyte.gz"),
                work.resolve("test"), CLASSES, 2_000);
        System.out.printf("Exported train.csv and test/ in %.1f s%n", (System.nanoTime() - start) / 1e9);

        // data = DataLoader('train.csv')
        start = System.nanoTime();
        DataLoader train = DataLoader.csv(work.resolve("train.csv"),
                CsvOptions.create().divideBy(255).reshape(28, 28, 1)).batchSize(32).shuffle(42);
        DataLoader test = DataLoader.images(work.resolve("test"),
                ImageOptions.create().grayscale().classNames(CLASSES.toArray(String[]::new))).batchSize(100);
        System.out.printf("Loaded %d training rows and %d test images in %.1f s%n",
                train.size(), test.size(), (System.nanoTime() - start) / 1e9);

        // model = Sequential([Conv2D, MaxPooling2D, Flatten, Dense, Dense])
        Sequential model = new Sequential(
                new Conv2D(32, 3, "relu").inputShape(28, 28, 1),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.println(model.summary());

        start = System.nanoTime();
        model.fit(train, 2);
        System.out.printf("Trained in %.1f s%n", (System.nanoTime() - start) / 1e9);

        Evaluation evaluation = model.evaluate(test);
        System.out.printf("Test accuracy on %d PNG images: %.2f%%%n", test.size(), 100 * evaluation.accuracy());

        // prediction = model.predict(load_image('new_image.jpg'))
        Path image;
        try (var files = Files.list(work.resolve("test").resolve("Sneaker"))) {
            image = files.sorted().findFirst().orElseThrow();
        }
        Tensor probabilities = model.predict(Images.load(image, 28, 28, 1));
        int predicted = (int) probabilities.argmax(1).item();
        System.out.printf("%s is a %s (p = %.3f)%n", work.relativize(image), CLASSES.get(predicted),
                probabilities.get(0, predicted));
    }
}
