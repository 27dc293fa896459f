package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lepton.data.Dataset;
import ai.lepton.data.Datasets;
import ai.lepton.io.ModelFormatException;
import ai.lepton.layers.Add;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.GlobalAveragePooling2D;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real Keras files written by other people's projects (Keras 2.2.4 to Keras 3), listed with their
 * repositories, commits and licences in {@code src/test/resources/keras/real/SOURCES.md} (which also
 * says why the files themselves are not committed; a test whose file is absent is skipped). Each file
 * has its own expected outcome: it loads and predicts what an independent float64 forward pass
 * predicts (or classifies the real test set well), or it is refused with a
 * {@link ModelFormatException} that names the file and what Lepton lacks.
 */
class RealKerasFilesTest {
    private static final Path FOLDER = Path.of("src/test/resources/keras/real");

    /**
     * The folder's file. The files are not committed (see SOURCES.md), so a missing one skips its
     * test, naming the file and where it comes from.
     */
    private static Path file(String name) {
        Path path = FOLDER.resolve(name);
        assumeTrue(Files.isRegularFile(path), path + " is missing: " + FOLDER.resolve("SOURCES.md")
                + " lists the repository and commit it comes from");
        return path;
    }

    /**
     * KotlinDL's Keras 2.2.4-tf MNIST classifier (Flatten, Dense relu, Dense softmax) loads
     * compiled, gives probabilities, and reads digits: MNIST itself is not available offline, so
     * it classifies 80 digits drawn with Java's fonts and prepared as MNIST's were (measured 76%,
     * chance 10%); on Fashion-MNIST, which it never saw, it is no better than chance (measured 7%).
     */
    @Test
    void kotlindlMnistClassifierReadsDigits() throws IOException {
        Model model = Model.load(file("kotlindl_mnist.h5"));
        assertEquals(List.of("flatten_3", "dense_6", "dense_7"), model.layers().stream().map(l -> l.name()).toList());
        assertArrayEquals(new int[] {28, 28}, model.inputShapes().get(0));
        assertTrue(model.isCompiled(), "the .h5 file's training_config compiles it");
        Dataset digits = renderedDigits();
        Tensor p = model.predict(digits.x());
        assertArrayEquals(new int[] {80, 10}, p.shape());
        double[] v = p.toArray();
        for (int i = 0; i < 80; i++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                assertTrue(Double.isFinite(v[i * 10 + c]) && v[i * 10 + c] >= 0, "probability " + v[i * 10 + c]);
                sum += v[i * 10 + c];
            }
            assertEquals(1, sum, 1e-5);
        }
        double onDigits = accuracy(model.predictClasses(digits.x()), digits.y());
        Dataset fashion = Datasets.fashionMnist().test().take(0, 1000);
        double onFashion = accuracy(model.predictClasses(fashion.x().reshape(1000, 28, 28)), fashion.y());
        System.out.printf("kotlindl_mnist.h5: accuracy %.4f on 80 rendered digits, %.4f on 1000 Fashion-MNIST images%n",
                onDigits, onFashion);
        assertTrue(onDigits > 0.6, "accuracy on rendered digits " + onDigits);
        assertTrue(onFashion < 0.3, "a digit classifier does not classify clothes: " + onFashion);
    }

    /**
     * keras2c's example (Keras 2.2.4 functional model: Dense, Dense, LSTM with relu and
     * hard_sigmoid gates, Dense) predicts what {@code real_keras2c.py}'s float64 NumPy forward pass
     * from the file alone predicts. Its optimizer config uses Keras 2's {@code lr}, which Keras 3
     * rejects too, so it loads uncompiled with a warning.
     */
    @Test
    void keras2cLstmModelAgreesWithAFloat64ForwardPass() throws IOException {
        Model model = Model.load(file("keras2c_example.h5"));
        assertFalse(model.isCompiled());
        assertTrue(model.loadWarnings().stream().anyMatch(w -> w.contains("unknown settings [lr]")), model.loadWarnings().toString());
        JsonObject golden = JsonParser.parseString(Files.readString(
                Path.of("src/test/resources/golden/keras-real/keras2c_example.json"))).getAsJsonObject();
        Tensor x = Tensor.of(KerasFilesTest.doubles(golden.getAsJsonArray("input")), KerasFilesTest.ints(golden.getAsJsonArray("input_shape")));
        Tensor expected = Tensor.of(KerasFilesTest.doubles(golden.getAsJsonArray("output")), KerasFilesTest.ints(golden.getAsJsonArray("output_shape")));
        KerasFilesTest.assertClose(expected, model.predict(x));
    }

    /** A Keras 3 test file of a user-defined model class: refused, naming the class to register. */
    @Test
    void kerasNestedCustomModelIsRefusedNamingItsClass() {
        Path path = file("keras_nested_container.keras");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(path));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("legacy_nested_container>NestedDenseModel") && e.getMessage().contains("Layers.register"),
                e.getMessage());
    }

    /** KotlinDL's toy ResNet weights (Keras's save_weights, no model config): refused by load, saying so. */
    @Test
    void kotlindlWeightsOnlyFileIsRefusedSayingItHoldsWeightsOnly() {
        Path path = file("kotlindl_toyresnet_weights.h5");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(path));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("weights only")
                && e.getMessage().contains("loadWeights"), e.getMessage());
    }

    /**
     * InVesalius's brain segmentation network (a Keras 2 3-D U-Net, whole-model .h5 with its
     * training config): refused on its first layer, naming the file, the layer and the missing
     * class, rather than failing somewhere inside.
     */
    @Test
    void invesaliusThreeDimensionalUNetIsRefusedNamingConv3D() {
        Path path = file("invesalius_brain_mri_t1.h5");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(path));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("'conv3d_1'")
                && e.getMessage().contains("Conv3D, which Lepton does not have"), e.getMessage());
    }

    /**
     * The same weights load into the toy ResNet built in Lepton as KotlinDL's modelConfig.json
     * describes it (Conv2D valid and same, MaxPooling2D, two residual Adds, GlobalAveragePooling2D,
     * Dense; logits out), and it classifies the real Fashion-MNIST test set (measured 84.2% of the
     * 10,000 test images).
     */
    @Test
    void kotlindlToyResNetWeightsClassifyFashionMnist() {
        Path path = file("kotlindl_toyresnet_weights.h5");
        SymbolicTensor img = Input.shape(28, 28, 1);
        SymbolicTensor x = new Conv2D(32, 3, "relu").name("conv2d_34").apply(img);
        x = new Conv2D(64, 3, "relu").name("conv2d_35").apply(x);
        SymbolicTensor block1 = new MaxPooling2D(3).name("max_pooling2d_5").apply(x);
        x = new Conv2D(64, 3, "relu").padding("same").name("conv2d_36").apply(block1);
        x = new Conv2D(64, 3, "relu").padding("same").name("conv2d_37").apply(x);
        SymbolicTensor block2 = new Add().name("add_8").apply(x, block1);
        x = new Conv2D(64, 3, "relu").padding("same").name("conv2d_38").apply(block2);
        x = new Conv2D(64, 3, "relu").padding("same").name("conv2d_39").apply(x);
        SymbolicTensor block3 = new Add().name("add_9").apply(x, block2);
        x = new Conv2D(64, 3, "relu").name("conv2d_40").apply(block3);
        x = new GlobalAveragePooling2D().name("global_average_pooling2d_3").apply(x);
        x = new Dense(256, "relu").name("dense_6").apply(x);
        Model model = new Model(img, new Dense(10).name("dense_7").apply(x));
        model.loadWeights(path);
        Dataset test = Datasets.fashionMnist().test();
        double acc = accuracy(model.predictClasses(test.x()), test.y());
        System.out.printf("kotlindl_toyresnet_weights.h5: accuracy %.4f on the 10000 Fashion-MNIST test images%n", acc);
        assertTrue(acc > 0.8, "accuracy " + acc);
    }

    /** Every model file of the folder is one of those above, so none goes untested. */
    @Test
    void everyModelFileInTheFolderHasATest() throws IOException {
        List<String> tested = List.of("keras2c_example.h5", "keras_nested_container.keras", "kotlindl_mnist.h5",
                "kotlindl_toyresnet_weights.h5", "invesalius_brain_mri_t1.h5");
        try (var list = Files.list(FOLDER)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5") || n.endsWith(".keras"))
                    .forEach(n -> assertTrue(tested.contains(n), n + " is in " + FOLDER + " but RealKerasFilesTest does not test it"));
        }
    }

    /**
     * Digits drawn with Java's logical fonts and prepared as MNIST's were (white on black, scaled
     * into a 20×20 box, placed in 28×28 by their centre of mass).
     */
    static Dataset renderedDigits() {
        String[] fonts = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG};
        int[] styles = {Font.PLAIN, Font.BOLD};
        int n = fonts.length * styles.length * 10;
        double[] x = new double[n * 28 * 28];
        double[] y = new double[n];
        int i = 0;
        for (String font : fonts) {
            for (int style : styles) {
                for (int d = 0; d < 10; d++) {
                    System.arraycopy(mnistStyle(String.valueOf(d), new Font(font, style, 96)), 0, x, i * 28 * 28, 28 * 28);
                    y[i++] = d;
                }
            }
        }
        return Dataset.of(Tensor.of(x, n, 28, 28), Tensor.of(y, n));
    }

    private static double[] mnistStyle(String text, Font font) {
        BufferedImage big = new BufferedImage(160, 160, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(text, 30, 120);
        g.dispose();
        Raster r = big.getRaster();
        int x0 = 160, y0 = 160, x1 = -1, y1 = -1;
        for (int yy = 0; yy < 160; yy++) {
            for (int xx = 0; xx < 160; xx++) {
                if (r.getSample(xx, yy, 0) > 0) {
                    x0 = Math.min(x0, xx);
                    y0 = Math.min(y0, yy);
                    x1 = Math.max(x1, xx);
                    y1 = Math.max(y1, yy);
                }
            }
        }
        int w = x1 - x0 + 1, h = y1 - y0 + 1;
        double scale = 20.0 / Math.max(w, h);
        int sw = Math.max(1, (int) Math.round(w * scale)), sh = Math.max(1, (int) Math.round(h * scale));
        BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D s = small.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        s.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        s.drawImage(big.getSubimage(x0, y0, w, h).getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        s.dispose();
        double mass = 0, cx = 0, cy = 0;
        for (int yy = 0; yy < sh; yy++) {
            for (int xx = 0; xx < sw; xx++) {
                double v = small.getRaster().getSample(xx, yy, 0) / 255.0;
                mass += v;
                cx += v * xx;
                cy += v * yy;
            }
        }
        int left = (int) Math.round(14 - cx / mass), top = (int) Math.round(14 - cy / mass);
        double[] out = new double[28 * 28];
        for (int yy = 0; yy < sh; yy++) {
            for (int xx = 0; xx < sw; xx++) {
                int tx = xx + left, ty = yy + top;
                if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) {
                    out[ty * 28 + tx] = small.getRaster().getSample(xx, yy, 0) / 255.0;
                }
            }
        }
        return out;
    }

    private static double accuracy(int[] predicted, Tensor labels) {
        double[] y = labels.toArray();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == (int) y[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
