package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulesTest {
    /** A user's schedule, to register: {@code rate / (step + 1)}. */
    static final class Harmonic extends LearningRateSchedule {
        private final double rate;

        Harmonic(double rate) {
            this.rate = checkRate("rate", rate);
        }

        @Override
        public double at(long step) {
            return rate / (step + 1);
        }

        @Override
        public Config getConfig() {
            return Config.of("Harmonic").put("rate", rate);
        }
    }

    @Test
    void everyBuiltInIsRegisteredUnderItsKerasClassName() {
        assertTrue(LearningRateSchedules.names().containsAll(List.of("CosineDecay", "CosineDecayRestarts", "ExponentialDecay",
                "InverseTimeDecay", "PiecewiseConstantDecay", "PolynomialDecay")));
        assertEquals("CosineDecayRestarts", LearningRateSchedules.nameOf(new CosineDecayRestarts(0.1, 5)));
    }

    @Test
    void theSerializedFormIsKerasAndKerasExtraKeysAreAccepted() {
        Config serialized = LearningRateSchedules.serialize(new ExponentialDecay(0.1, 10, 0.5));
        assertEquals(List.of("class_name", "config"), List.copyOf(serialized.keys()));
        assertEquals("ExponentialDecay", serialized.getString("class_name"));
        Config fromKeras = Config.of("schedule").put("module", "keras.optimizers.schedules").put("class_name", "ExponentialDecay")
                .put("registered_name", null).put("config", Config.of("ExponentialDecay").put("initial_learning_rate", 0.1)
                        .put("decay_steps", 10).put("decay_rate", 0.5).put("staircase", false).put("name", "ExponentialDecay"));
        assertInstanceOf(ExponentialDecay.class, LearningRateSchedules.deserialize(fromKeras));
        assertEquals(List.of(), fromKeras.unread());
        assertEquals(List.of(), fromKeras.getConfig("config").unread());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> LearningRateSchedules.fromConfig("Warmup", Config.of("x")));
        assertTrue(e.getMessage().startsWith("unknown learning-rate schedule 'Warmup'; the known ones are [CosineDecay,"),
                e.getMessage());
    }

    @Test
    void aUsersScheduleSavesAndLoadsOnceRegistered() {
        Harmonic mine = new Harmonic(0.3);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.serialize(mine));
        LearningRateSchedules.register("tests>Harmonic", Harmonic.class, config -> new Harmonic(config.getDouble("rate")));
        LearningRateSchedule copy = LearningRateSchedules.deserialize(LearningRateSchedules.serialize(mine));
        assertEquals(0.3 / 3, copy.at(2), 0.0);
        assertEquals("Harmonic{rate=0.3}", mine.toString());
    }
}
