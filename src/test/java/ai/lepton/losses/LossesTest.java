package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LossesTest {
    @Test
    void everyKerasNameGivesItsLossWithDefaults() {
        Map<String, Class<? extends Loss>> byName = Map.ofEntries(
                Map.entry("categorical_crossentropy", CategoricalCrossentropy.class),
                Map.entry("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class),
                Map.entry("binary_crossentropy", BinaryCrossentropy.class),
                Map.entry("mse", MeanSquaredError.class), Map.entry("mean_squared_error", MeanSquaredError.class),
                Map.entry("mae", MeanAbsoluteError.class), Map.entry("mean_absolute_error", MeanAbsoluteError.class),
                Map.entry("huber", Huber.class), Map.entry("log_cosh", LogCosh.class), Map.entry("logcosh", LogCosh.class),
                Map.entry("kl_divergence", KLDivergence.class), Map.entry("kld", KLDivergence.class),
                Map.entry("poisson", Poisson.class), Map.entry("hinge", Hinge.class), Map.entry("squared_hinge", SquaredHinge.class),
                Map.entry("categorical_hinge", CategoricalHinge.class), Map.entry("msle", MeanSquaredLogarithmicError.class),
                Map.entry("mean_squared_logarithmic_error", MeanSquaredLogarithmicError.class),
                Map.entry("mape", MeanAbsolutePercentageError.class),
                Map.entry("mean_absolute_percentage_error", MeanAbsolutePercentageError.class),
                Map.entry("cosine_similarity", CosineSimilarity.class),
                Map.entry("categorical_focal_crossentropy", CategoricalFocalCrossentropy.class),
                Map.entry("binary_focal_crossentropy", BinaryFocalCrossentropy.class));
        assertEquals(byName.keySet(), Set.copyOf(Losses.NAMES));
        byName.forEach((name, type) -> {
            Loss loss = Losses.get(name);
            assertInstanceOf(type, loss, name);
            assertEquals("sum_over_batch_size", loss.reduction(), name);
        });
    }

    @Test
    void classNamesGiveTheLossAndEveryClassRoundTripsItsConfig() {
        for (String name : Losses.NAMES) {
            Loss loss = Losses.get(name);
            String className = Losses.nameOf(loss);
            assertEquals(loss.getClass().getSimpleName(), className);
            assertInstanceOf(loss.getClass(), Losses.get(className));
            assertEquals(loss.getConfig(), Losses.fromConfig(className, loss.getConfig()).getConfig(), className);
        }
    }

    @Test
    void unknownNamesAndSettingsAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinge_loss"));
        assertTrue(e.getMessage().startsWith("Unknown loss: 'hinge_loss'. Expected one of: [categorical_crossentropy,"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
        Config misspelt = new Huber().getConfig().put("delt", 2.0);
        assertEquals("Huber: unknown settings [delt]",
                assertThrows(ConfigException.class, () -> Losses.fromConfig("Huber", misspelt)).getMessage());
    }

    @Test
    void aDefaultReductionMayGoUnreadButAnotherMustBeRead() {
        Losses.register("tests>Constant", Constant.class, c -> new Constant());
        assertInstanceOf(Constant.class, Losses.fromConfig("tests>Constant", new Constant().getConfig()));
        Config summed = new Constant().reduction("sum").getConfig();
        assertEquals("tests>Constant: unknown settings [reduction]",
                assertThrows(ConfigException.class, () -> Losses.fromConfig("tests>Constant", summed)).getMessage());
    }

    /** A loss of the user's own whose factory does not read the reduction. */
    static final class Constant extends Loss {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public Tensor call(Tensor yTrue, Tensor yPred) {
            return yPred.mul(0.0);
        }
    }
}
