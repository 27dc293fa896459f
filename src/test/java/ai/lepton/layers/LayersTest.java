package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer registry: what a model file may name, and how users add their own layers. */
class LayersTest {
    /** A user's layer with a weight and a setting: y = x * scale * w. */
    static final class Scale extends Layer {
        private final double factor;

        Scale(double factor) {
            this.factor = factor;
        }

        @Override
        public int[] computeOutputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        protected void declareWeights(int[] inputShape, Weights weights) {
            weights.add("w", new int[] {inputShape[inputShape.length - 1]}, Initializers.get("ones"));
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            return x.mul(weight("w")).mul(factor);
        }

        @Override
        public Config getConfig() {
            return super.getConfig().put("factor", factor);
        }
    }

    /** A user's layer nobody registered. */
    static final class Unregistered extends Layer {
        @Override
        public int[] computeOutputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            return x;
        }
    }

    @Test
    void anUnknownClassNameIsAnErrorListingTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("java.lang.ProcessBuilder", Config.of("x")));
        assertTrue(e.getMessage().contains("unknown layer 'java.lang.ProcessBuilder'") && e.getMessage().contains("Dense"),
                e.getMessage());
    }

    @Test
    void settingsNoFactoryReadAreRejectedAndInvalidOnesNamed() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("Dense", Config.of("d").put("units", 3).put("unitz", 4)));
        assertTrue(unknown.getMessage().contains("unknown settings [unitz]"), unknown.getMessage());
        ConfigException invalid = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("Dense", Config.of("d").put("units", 0).put("name", "head")));
        assertTrue(invalid.getMessage().contains("Dense 'head'") && invalid.getMessage().contains("units=0"), invalid.getMessage());
    }

    @Test
    void aRegisteredLayerOfTheUsersOwnSavesAndLoadsWithItsWeights(@TempDir Path dir) {
        Layers.register("tests>Scale", Scale.class, c -> new Scale(c.getDouble("factor")));
        SymbolicTensor in = Input.shape(3);
        Model model = new Model(in, new Scale(2.5).apply(in));
        Scale layer = (Scale) model.getLayer("scale");
        layer.setWeights(java.util.List.of(Tensor.of(new double[] {1, 2, 3}, 3)));
        Path file = dir.resolve("custom.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        Tensor x = Tensor.ones(2, 3);
        assertArrayEquals(new double[] {2.5, 5, 7.5, 2.5, 5, 7.5}, loaded.predict(x).toArray(), 0.0);
        assertEquals(Scale.class, loaded.getLayer("scale").getClass());
    }

    @Test
    void anUnregisteredLayerCannotBeSavedAndTheMessageSaysHowToFixIt(@TempDir Path dir) {
        SymbolicTensor in = Input.shape(3);
        Model model = new Model(in, new Unregistered().apply(in));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(dir.resolve("x.lepton")));
        assertTrue(e.getMessage().contains("not registered") && e.getMessage().contains("register"), e.getMessage());
    }
}
