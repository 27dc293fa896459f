package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    private static final List<Optimizer> DEFAULTS = List.of(new SGD(), new Adam(), new AdamW(), new RMSprop(), new Nadam(),
            new Adamax(), new Adagrad(), new Adadelta(), new Lion(), new Ftrl());

    /** A user's optimizer, to register: sign descent, {@code w -= lr * sign(g)}. */
    static final class SignDescent extends Optimizer {
        SignDescent(double learningRate) {
            super(learningRate);
        }

        @Override
        public String name() {
            return "sign_descent";
        }

        @Override
        protected List<String> ownSlotNames() {
            return List.of();
        }

        @Override
        protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
            for (int i = from; i < to; i++) {
                w[i] -= lr * Math.signum(g[i]);
            }
        }
    }

    @Test
    void everyBuiltInIsRegisteredUnderItsKerasClassName() {
        for (Optimizer optimizer : DEFAULTS) {
            assertEquals(optimizer.getClass().getSimpleName(), Optimizers.nameOf(optimizer));
        }
        assertTrue(Optimizers.names().containsAll(
                List.of("Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "Ftrl", "Lion", "Nadam", "RMSprop", "SGD")));
    }

    @Test
    void getFindsEachByItsLowercaseNameWithKerasDefaults() {
        for (Optimizer optimizer : DEFAULTS) {
            String lower = optimizer.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            assertEquals(lower, optimizer.name());
            Optimizer found = Optimizers.get(lower);
            assertInstanceOf(optimizer.getClass(), found);
            assertEquals(optimizer.getConfig(), found.getConfig(), lower);
        }
        assertInstanceOf(AdamW.class, Optimizers.get("ADAMW"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adafactor"));
        assertTrue(e.getMessage().startsWith("Unknown optimizer: 'adafactor'. Expected one of: [adadelta, adagrad, adam,"),
                e.getMessage());
        ConfigException c = assertThrows(ConfigException.class, () -> Optimizers.fromConfig("java.lang.Runtime", Config.of("x")));
        assertTrue(c.getMessage().startsWith("unknown optimizer 'java.lang.Runtime'"), c.getMessage());
    }

    @Test
    void fromConfigTakesKerasNamesInAnyCase() {
        Optimizer nadam = Optimizers.fromConfig("nadam", Config.of("nadam").put("learning_rate", 0.002));
        assertInstanceOf(Nadam.class, nadam);
        assertEquals(0.002, nadam.learningRate());
    }

    @Test
    void aUsersOptimizerSavesAndLoadsOnceRegistered() {
        SignDescent mine = new SignDescent(0.1);
        assertThrows(IllegalArgumentException.class, () -> Optimizers.nameOf(mine));
        Optimizers.register("tests>SignDescent", SignDescent.class,
                config -> Optimizer.fromBaseConfig(config, 0.01, SignDescent::new, schedule -> {
                    throw new IllegalArgumentException("SignDescent takes no schedule");
                }));
        assertEquals("tests>SignDescent", Optimizers.nameOf(mine.clipvalue(1.0)));
        Optimizer copy = Optimizers.fromConfig("tests>SignDescent", mine.getConfig());
        assertEquals(mine.getConfig(), copy.getConfig());
    }
}
