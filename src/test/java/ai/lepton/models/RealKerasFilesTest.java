package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lepton.io.ModelFormatException;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tries every real Keras file in a local folder of files collected from public repositories (not
 * committed: their licences and sources are listed in the folder's SOURCES.md). Each either loads
 * and predicts finite numbers, or fails with a {@link ModelFormatException} that names what Lepton
 * lacks; nothing else may happen. Runs only where the folder exists ({@code -Dlepton.realkeras=DIR},
 * by default {@code /work/realkeras}).
 */
class RealKerasFilesTest {
    private static final Path FOLDER = Path.of(System.getProperty("lepton.realkeras", "/work/realkeras"));

    @Test
    void everyRealFileLoadsOrSaysWhatLeptonLacks() throws IOException {
        assumeTrue(Files.isDirectory(FOLDER), FOLDER + " does not exist: the real-file check is skipped");
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.toString().endsWith(".keras") || p.toString().endsWith(".h5")).sorted().toList();
        }
        Map<String, String> report = new TreeMap<>();
        List<String> loaded = new ArrayList<>();
        for (Path file : files) {
            try {
                Model model = Model.load(file);
                List<Tensor> zeros = model.inputShapes().stream().map(s -> Tensor.zeros(Model.batched(2, s))).toList();
                for (Tensor out : model.predict(zeros)) {
                    for (double v : out.toArray()) {
                        assertTrue(Double.isFinite(v), file + " predicts " + v);
                    }
                }
                loaded.add(file.getFileName().toString());
                if (file.toString().endsWith(".keras") && model.inputShapes().size() == 1) {
                    agreesWithNumpy(file, model);
                }
                report.put(file.getFileName().toString(), "loads: " + model + (model.loadWarnings().isEmpty() ? ""
                        : "; warnings: " + model.loadWarnings()));
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
                report.put(file.getFileName().toString(), "refused: " + e.getMessage().replace(file.toString(), "").trim());
            }
        }
        report.forEach((f, r) -> System.out.println(f + " -> " + r));
        assertEquals(files.size(), report.size());
    }

    /** A NumPy forward pass from the file alone ({@code check_export.py}) predicts what Lepton does. */
    private void agreesWithNumpy(Path file, Model model) throws IOException {
        if (!ai.lepton.io.hdf5.H5py.isAvailable()) {
            return;
        }
        Tensor x = Tensor.of(new java.util.SplittableRandom(7).doubles(2L * ai.lepton.tensor.Shapes.size(model.inputShapes().get(0)))
                .map(v -> 2 * v - 1).toArray(), Model.batched(2, model.inputShapes().get(0)));
        Path inputs = Files.createTempFile("inputs", ".json");
        try {
            Files.writeString(inputs, "{\"inputs\": [{\"shape\": " + java.util.Arrays.toString(x.shape()) + ", \"values\": "
                    + java.util.Arrays.toString(x.toArray()) + "}]}");
            com.google.gson.JsonObject check = com.google.gson.JsonParser.parseString(ai.lepton.io.hdf5.H5py.output(
                    "import check_export; check_export.main()", file.toString(), inputs.toString())).getAsJsonObject();
            KerasFilesTest.assertClose(Tensor.of(KerasFilesTest.doubles(check.getAsJsonArray("outputs")),
                    KerasFilesTest.ints(check.getAsJsonArray("shape"))), model.predict(x));
        } finally {
            Files.delete(inputs);
        }
    }
}
