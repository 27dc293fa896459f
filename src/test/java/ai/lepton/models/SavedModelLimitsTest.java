package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.LoadLimits;
import ai.lepton.io.ModelFormatException;
import ai.lepton.layers.Dense;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model file declares is checked against {@link LoadLimits} when it is loaded, in every format. */
class SavedModelLimitsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(LoadLimits.MAX_BYTES_PROPERTY);
    }

    @Test
    void anArchitectureOnlyFileDeclaringAHugeDenseFailsAtLoad() throws IOException {
        // Saving builds a model whose input shape is known, so the file is made by hand: the
        // architecture of Dense(100000000) with a declared input of 784 features, and no weights.
        Path file = dir.resolve("huge.lepton");
        new Sequential(new Dense(100_000_000)).save(file);
        Map<String, byte[]> entries = ModelFiles.entries(Files.readAllBytes(file));
        JsonObject description = ModelFiles.description(entries);
        description.getAsJsonObject("model").getAsJsonObject("config").add("build_input_shape",
                JsonParser.parseString("[null, 784]"));
        Files.write(file, ModelFiles.zip(ModelFiles.withDescription(entries, description)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("the model (its largest variable is 'dense/kernel' of shape (784, 100000000)) declares 628000000000 bytes")
                && e.getMessage().contains(LoadLimits.MAX_BYTES_PROPERTY), e.getMessage());
    }

    @Test
    void anArchitectureWithoutInputShapeIsCheckedForTheSmallestInputItAccepts() {
        Path file = dir.resolve("huge.lepton");
        new Sequential(new Dense(300_000_000)).save(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(file));
        // The smallest input Dense accepts has one feature: a (1, 3e8) kernel and a (3e8) bias.
        assertTrue(e.getMessage().contains("the model (for the smallest input its layers accept) declares 4800000000 bytes"), e.getMessage());
    }

    @Test
    void aSmallArchitectureStillLoadsAndBuildsOnFirstData() {
        Path file = dir.resolve("small.lepton");
        new Sequential(new Dense(3)).save(file);
        Model loaded = Model.load(file);
        assertEquals(2, loaded.predict(ai.lepton.tensor.Tensor.zeros(2, 5)).shape()[0]);
    }

    @Test
    void theBoundAppliesToKerasFilesToo() {
        Sequential model = new Sequential(new Dense(512).inputShape(512));
        model.getWeights();
        for (String name : new String[] {"m.keras", "m.h5"}) {
            Path file = dir.resolve(name);
            model.save(file);
            System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, String.valueOf(1 << 20));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(file), name);
            assertTrue(e.getMessage().contains(LoadLimits.MAX_BYTES_PROPERTY), e.getMessage());
            System.clearProperty(LoadLimits.MAX_BYTES_PROPERTY);
            assertEquals(2, Model.load(file).getWeights().size(), name);
        }
    }
}
