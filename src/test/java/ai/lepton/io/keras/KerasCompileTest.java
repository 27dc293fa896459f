package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.losses.Losses;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.SGD;
import ai.lepton.optimizers.schedules.ExponentialDecay;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KerasCompileTest {
    private final List<String> notes = new ArrayList<>();

    private KerasCompile read(String json, int outputs) {
        return KerasCompile.read(JsonParser.parseString(json).getAsJsonObject(), outputs, "test", notes);
    }

    @Test
    void keras3sCompileConfigRestoresAdamTheLossAndTheMetrics() {
        KerasCompile c = read("{\"optimizer\": {\"module\": \"keras.optimizers\", \"class_name\": \"Adam\", \"config\": {\"name\":"
                + " \"adam\", \"learning_rate\": 0.002, \"weight_decay\": null, \"clipnorm\": null, \"global_clipnorm\": null,"
                + " \"clipvalue\": null, \"use_ema\": false, \"ema_momentum\": 0.99, \"ema_overwrite_frequency\": null,"
                + " \"loss_scale_factor\": null, \"gradient_accumulation_steps\": null, \"beta_1\": 0.9, \"beta_2\": 0.999,"
                + " \"epsilon\": 1e-07, \"amsgrad\": false}, \"registered_name\": null}, \"loss\": {\"module\": \"keras.losses\","
                + " \"class_name\": \"CategoricalCrossentropy\", \"config\": {\"name\": \"categorical_crossentropy\", \"reduction\":"
                + " \"sum_over_batch_size\", \"from_logits\": false, \"label_smoothing\": 0.0, \"axis\": -1},"
                + " \"registered_name\": null}, \"loss_weights\": null, \"metrics\": [\"accuracy\", {\"module\": \"keras.metrics\","
                + " \"class_name\": \"PearsonCorrelation\", \"config\": {\"name\": \"pearson_correlation\"}}], \"weighted_metrics\": null, \"run_eagerly\": false,"
                + " \"steps_per_execution\": 1, \"jit_compile\": false}", 1);
        assertInstanceOf(Adam.class, c.optimizer());
        assertEquals(0.002, c.optimizer().learningRate());
        assertEquals("categorical_crossentropy", c.losses().get(0).name());
        assertEquals(List.of(List.of("accuracy")), c.metrics());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("'pearson_correlation'"), notes.get(0));
    }

    @Test
    void keras2sTrainingConfigRestoresItsOptimizer() {
        KerasCompile c = read("{\"loss\": \"mse\", \"metrics\": [[\"mae\"]], \"optimizer_config\": {\"class_name\": \"Custom>SGD\","
                + " \"config\": {\"name\": \"SGD\", \"learning_rate\": 0.1, \"decay\": 0.0, \"momentum\": 0.9, \"nesterov\": false,"
                + " \"is_legacy_optimizer\": false, \"jit_compile\": true}}}", 1);
        assertInstanceOf(SGD.class, c.optimizer());
        assertEquals(List.of(List.of("mae")), c.metrics());
    }

    @Test
    void aScheduleInTheLearningRateIsRestored() {
        KerasCompile c = read("{\"optimizer\": {\"class_name\": \"SGD\", \"config\": {\"learning_rate\": {\"module\":"
                + " \"keras.optimizers.schedules\", \"class_name\": \"ExponentialDecay\", \"config\": {\"initial_learning_rate\": 0.1,"
                + " \"decay_steps\": 10, \"decay_rate\": 0.5, \"staircase\": false, \"name\": \"ExponentialDecay\"},"
                + " \"registered_name\": null}}}, \"loss\": \"mse\"}", 1);
        assertInstanceOf(ExponentialDecay.class, LearningRateOf.schedule(c));
    }

    @Test
    void anOptimizerLeptonLacksLeavesTheModelUncompiledWithANote() {
        assertNull(read("{\"optimizer\": {\"class_name\": \"Muon\", \"config\": {}}, \"loss\": \"mse\"}", 1));
        assertTrue(notes.get(0).contains("uncompiled") && notes.get(0).contains("Muon"), notes.toString());
    }

    @Test
    void onePerOutputLossesAndMetricsAreKept() {
        KerasCompile c = read("{\"optimizer\": \"adam\", \"loss\": [\"mse\", \"binary_crossentropy\"], \"metrics\": [[\"mae\"],"
                + " [\"accuracy\"]]}", 2);
        assertEquals(List.of("mean_squared_error", "binary_crossentropy"), c.losses().stream().map(l -> l.name()).toList());
        assertEquals(List.of(List.of("mae"), List.of("accuracy")), c.metrics());
    }

    @Test
    void writtenSettingsReadBack() {
        Adam adam = new Adam(0.003);
        JsonObject json = KerasCompile.write(adam, List.of(Losses.get("categorical_crossentropy")), List.of(List.of("accuracy")));
        assertEquals("adam", json.getAsJsonObject("optimizer").getAsJsonObject("config").get("name").getAsString());
        assertEquals("categorical_crossentropy", json.get("loss").getAsString());
        KerasCompile c = KerasCompile.read(json, 1, "test", notes);
        assertEquals(adam.getConfig(), c.optimizer().getConfig());
        assertEquals(List.of(List.of("accuracy")), c.metrics());
        assertEquals(List.of(), notes);
    }

    /** Reads the schedule back out of an optimizer's config. */
    private static final class LearningRateOf {
        static Object schedule(KerasCompile c) {
            return ai.lepton.optimizers.schedules.LearningRateSchedules.deserialize(c.optimizer().getConfig()
                    .getConfig("learning_rate"));
        }
    }
}
