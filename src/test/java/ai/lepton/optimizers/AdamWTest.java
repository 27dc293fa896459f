package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.schedules.CosineDecay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdamWTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("AdamW.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, AdamW::fromConfig);
    }

    @Test
    void defaultsAreKeras() {
        AdamW adamw = new AdamW();
        assertEquals(0.001, adamw.learningRate());
        assertEquals(0.004, adamw.getConfig().getDouble("weight_decay"));
        assertEquals(0.004, new AdamW(new CosineDecay(0.01, 100)).getConfig().getDouble("weight_decay"));
        assertEquals(0.9, adamw.beta1());
        assertEquals(0.999, adamw.beta2());
        assertEquals(1e-7, adamw.epsilon());
        assertEquals(0.004, AdamW.fromConfig(Config.of("AdamW")).getConfig().getDouble("weight_decay"));
        assertEquals(List.of("m", "v"), adamw.slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new AdamW(3e-4).weightDecay(0.05).beta2(0.98).globalClipnorm(1.0), AdamW::fromConfig);
        OptimizerContract.resumesExactly(() -> new AdamW(new CosineDecay(0.0, 4).warmupTarget(0.01).warmupSteps(2))
                .amsgrad(true).emaOverwriteFrequency(2).useEma(true));
    }

    @Test
    void aNullWeightDecayIsAnErrorAsInKeras() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AdamW.fromConfig(Config.of("AdamW").put("weight_decay", null)));
        assertEquals("AdamW: setting 'weight_decay' must be a number for AdamW. Received: null", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdamW().weightDecay(-0.01));
    }
}
