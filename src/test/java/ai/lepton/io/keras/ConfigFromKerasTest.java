package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.io.ModelFormatException;
import ai.lepton.models.Sequential;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigFromKerasTest {
    private final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void registerModels() {
        // Making a model registers the Sequential and Functional classes, as they are whenever models are used.
        new Sequential();
    }

    private Config translate(String json) {
        return new ConfigFromKeras("test config.json", notes).model(JsonParser.parseString(json).getAsJsonObject());
    }

    private static String sequential(String... layers) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"trainable\": true,"
                + " \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}},"
                + " \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 8],"
                + " \"dtype\": \"float32\", \"sparse\": false, \"ragged\": false, \"name\": \"input_layer\"}, \"registered_name\": null}"
                + (layers.length == 0 ? "" : ", " + String.join(", ", layers)) + "]}, \"registered_name\": null}";
    }

    private static String layer(String cls, String config) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"" + cls + "\", \"config\": {" + config
                + "}, \"registered_name\": null}";
    }

    private static final String DENSE = "\"name\": \"dense\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\":"
            + " \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"units\": 4, \"activation\": \"relu\","
            + " \"use_bias\": true, \"kernel_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\","
            + " \"config\": {\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": {\"module\": \"keras.initializers\","
            + " \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null}, \"kernel_regularizer\": null,"
            + " \"bias_regularizer\": null, \"kernel_constraint\": null, \"bias_constraint\": null";

    @Test
    void aKeras3SequentialBecomesLeptonsConfig() {
        Config model = translate(sequential(layer("Dense", DENSE + ", \"lora_rank\": null")));
        assertEquals("Sequential", model.getString("class_name"));
        Config config = model.getConfig("config");
        assertEquals(java.util.Arrays.asList(null, 8L), config.get("build_input_shape"));
        Config dense = config.getConfigs("layers").get(0).getConfig("config");
        assertEquals("glorot_uniform", dense.getString("kernel_initializer"));
        assertEquals("zeros", dense.getString("bias_initializer"));
        assertFalse(dense.has("dtype"));
        assertFalse(dense.has("lora_rank"), "a null setting Lepton's Dense does not read is dropped");
        assertTrue(dense.has("kernel_regularizer") && dense.get("kernel_regularizer") == null, "a null setting it reads is kept");
        assertEquals(List.of(), notes);
    }

    @Test
    void aKeras3MultiHeadAttentionConfigRebuildsTheLayer() {
        String mha = "\"name\": \"mha\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\","
                + " \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"num_heads\": 2, \"key_dim\": 4,"
                + " \"value_dim\": 3, \"dropout\": 0.1, \"use_bias\": true, \"use_gate\": false, \"output_shape\": [5],"
                + " \"attention_axes\": null, \"sliding_window\": null, \"kernel_initializer\": {\"module\": \"keras.initializers\","
                + " \"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}, \"registered_name\": null},"
                + " \"bias_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {},"
                + " \"registered_name\": null}, \"kernel_regularizer\": null, \"bias_regularizer\": null,"
                + " \"activity_regularizer\": null, \"kernel_constraint\": null, \"bias_constraint\": null, \"seed\": null";
        Config model = translate(sequential(layer("MultiHeadAttention", mha)));
        Config translated = model.getConfig("config").getConfigs("layers").get(0).getConfig("config");
        ai.lepton.layers.MultiHeadAttention layer = (ai.lepton.layers.MultiHeadAttention) ai.lepton.layers.Layers
                .fromConfig("MultiHeadAttention", translated);
        Config again = layer.getConfig();
        assertEquals(3, again.getInt("value_dim"));
        assertEquals(0.1, again.getDouble("dropout"));
        assertEquals(List.of(5L), java.util.Arrays.stream(again.getInts("output_shape")).mapToObj(i -> (long) i).toList());
        assertEquals("glorot_uniform", again.getString("kernel_initializer"));
        layer.build(List.of(new int[] {6, 8}, new int[] {7, 8}), 1L);
        assertEquals(List.of("query_kernel", "query_bias", "key_kernel", "key_bias", "value_kernel", "value_bias",
                "attention_output_kernel", "attention_output_bias"), layer.weightNames());
    }

    @Test
    void keras2sBatchInputShapeIsTheInputShape() {
        Config model = translate("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": "
                + "\"Dense\", \"config\": {\"name\": \"d\", \"units\": 2, \"batch_input_shape\": [null, 3], \"dtype\": \"float32\"}}]}}");
        assertEquals(java.util.Arrays.asList(null, 3L), model.getConfig("config").get("build_input_shape"));
    }

    @Test
    void channelsFirstIsAnErrorNamingTheLayer() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(sequential(layer("Flatten",
                "\"name\": \"flat\", \"data_format\": \"channels_first\""))));
        assertTrue(e.getMessage().contains("layer 'flat' (Flatten)") && e.getMessage().contains("channels_first"), e.getMessage());
    }

    @Test
    void aLayerClassLeptonLacksNamesTheClassAndTheLayer() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(sequential(layer("Conv3D",
                "\"name\": \"volume\", \"filters\": 2, \"kernel_size\": [3, 3, 3]"))));
        assertTrue(e.getMessage().contains("'volume'") && e.getMessage().contains("Conv3D")
                && e.getMessage().contains("which Lepton does not have"), e.getMessage());
    }

    @Test
    void anUnregisteredCustomClassSaysHowToRegisterIt() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(sequential("{\"module\": \"my\", "
                + "\"class_name\": \"Scale\", \"config\": {\"name\": \"scale\"}, \"registered_name\": \"my>Scale\"}")));
        assertTrue(e.getMessage().contains("'scale'") && e.getMessage().contains("Layers.register(\"my>Scale\""), e.getMessage());
    }

    @Test
    void anUnsupportedSettingIsAnErrorWithItsValue() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(sequential(layer("Dense",
                DENSE.replace("\"units\": 4", "\"units\": 4, \"lora_rank\": 8")))));
        assertTrue(e.getMessage().contains("layer 'dense' (Dense)") && e.getMessage().contains("lora_rank=8"), e.getMessage());
    }

    @Test
    void aRegularizerLeptonLacksIsDroppedWithANote() {
        Config model = translate(sequential(layer("Dense", DENSE.replace("\"kernel_regularizer\": null",
                "\"kernel_regularizer\": {\"module\": \"keras.regularizers\", \"class_name\": \"OrthogonalRegularizer\", \"config\": {\"factor\": 0.01, \"mode\": \"rows\"}}"))));
        assertFalse(model.getConfig("config").getConfigs("layers").get(0).getConfig("config").has("kernel_regularizer"));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("kernel_regularizer") && notes.get(0).contains("'dense'"), notes.get(0));
    }

    @Test
    void mixedPrecisionIsNotedAndAFixedBatchSizeToo() {
        translate(sequential(layer("Dense", DENSE.replace("\"float32\"}, \"registered_name\": null}, \"units\"",
                "\"mixed_float16\"}, \"registered_name\": null}, \"units\""))));
        assertTrue(notes.get(0).contains("mixed_float16"), notes.toString());
        notes.clear();
        translate(sequential().replace("[null, 8]", "[32, 8]"));
        assertTrue(notes.get(0).contains("fixed batch size 32"), notes.toString());
    }

    @Test
    void aVariableDimensionIsAnError() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(sequential().replace("[null, 8]",
                "[null, null, 8]")));
        assertTrue(e.getMessage().contains("variable dimension"), e.getMessage());
    }

    @Test
    void keras3InboundNodesBecomeTensorReferences() {
        String tensor = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 8], \"dtype\": \"float32\","
                + " \"keras_history\": [\"in\", 0, 0]}}";
        Config model = translate("{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {"
                + "\"name\": \"f\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 8], \"name\":"
                + " \"in\"}, \"name\": \"in\", \"inbound_nodes\": []}, {\"class_name\": \"Add\", \"config\": {\"name\": \"add\"},"
                + " \"name\": \"add\", \"inbound_nodes\": [{\"args\": [[" + tensor + ", " + tensor + "]], \"kwargs\": {}}]}],"
                + " \"input_layers\": [\"in\", 0, 0], \"output_layers\": [[\"add\", 0, 0]]}}");
        Config add = model.getConfig("config").getConfigs("layers").get(1);
        assertEquals(List.of(List.of(List.of("in", 0L, 0L), List.of("in", 0L, 0L))), add.get("inbound_nodes"));
        assertEquals(List.of(List.of("in", 0L, 0L)), model.getConfig("config").get("input_layers"));
    }

    @Test
    void aTensorPassedByKeywordIsAnError() {
        String tensor = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"in\", 0, 0]}}";
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate("{\"class_name\": \"Functional\", "
                + "\"config\": {\"name\": \"f\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 8],"
                + " \"name\": \"in\"}, \"name\": \"in\", \"inbound_nodes\": []}, {\"class_name\": \"Dense\", \"config\": {\"name\":"
                + " \"d\", \"units\": 2}, \"name\": \"d\", \"inbound_nodes\": [{\"args\": [" + tensor + "], \"kwargs\": {\"mask\": "
                + tensor + "}}]}], \"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"d\", 0, 0]]}}"));
        assertTrue(e.getMessage().contains("layer 'd'") && e.getMessage().contains("'mask'"), e.getMessage());
    }

    @Test
    void deeplyNestedModelsAreAnErrorNotAStackOverflow() {
        String model = sequential(layer("Dense", DENSE));
        for (int i = 0; i < 60; i++) {
            model = sequential(model);
        }
        String deep = model;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> translate(deep));
        assertTrue(e.getMessage().contains("nest"), e.getMessage());
    }

    @Test
    void keras2FunctionalClassNameIsModel() {
        JsonObject entry = JsonParser.parseString("{\"class_name\": \"Model\", \"config\": {}}").getAsJsonObject();
        assertEquals("Functional", new ConfigFromKeras("x", notes).className(entry));
    }
}
