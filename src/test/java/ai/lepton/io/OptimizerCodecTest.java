package ai.lepton.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.RMSprop;
import ai.lepton.optimizers.SGD;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerCodecTest {
    @Test
    void everyOptimizerSurvivesARoundTripWithItsSettingsAndIterations() {
        List<Optimizer> optimizers = List.of(
                new SGD(0.3).momentum(0.8).nesterov(true),
                new Adam(2e-4).beta1(0.8).beta2(0.95).epsilon(1e-6),
                new RMSprop(0.01).rho(0.8).momentum(0.3).epsilon(1e-5).centered(true));
        for (Optimizer optimizer : optimizers) {
            optimizer.iterations(Optimizer.MAX_ITERATIONS);
            Config encoded = OptimizerCodec.encode(optimizer);
            Optimizer decoded = OptimizerCodec.decode(ConfigJson.fromJson(ConfigJson.toJson(encoded), "optimizer"));
            assertEquals(optimizer.getClass(), decoded.getClass());
            assertEquals(optimizer.getConfig(), decoded.getConfig());
            assertEquals(optimizer.slotNames(), decoded.slotNames());
            assertEquals(Optimizer.MAX_ITERATIONS, decoded.iterations(), "iterations up to 2^53 stay exact");
        }
    }

    @Test
    void unknownTypesAndInvalidSettingsAreModelFormatErrors() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> OptimizerCodec.decode(parse(
                "{\"class_name\":\"java.lang.Runtime\",\"config\":{},\"iterations\":0}")));
        assertTrue(unknown.getMessage().contains("unknown optimizer 'java.lang.Runtime'"), unknown.getMessage());
        for (String bad : new String[] {
                "{\"class_name\":\"Adam\",\"config\":{\"learning_rate\":-1,\"beta_1\":0.9,\"beta_2\":0.999,\"epsilon\":1e-7},\"iterations\":0}",
                "{\"class_name\":\"Adam\",\"config\":{\"learning_rate\":0.1,\"beta_1\":0.9,\"beta_2\":0.999,\"epsilon\":1e-7},\"iterations\":-5}",
                "{\"class_name\":\"Adam\",\"config\":{\"learning_rate\":0.1,\"beta_1\":0.9,\"beta_2\":0.999,\"epsilon\":1e-7},\"iterations\":1e40}",
                "{\"class_name\":\"SGD\",\"config\":{\"learning_rate\":0.1,\"momentum\":2,\"nesterov\":false},\"iterations\":0}",
                "{\"class_name\":\"SGD\",\"config\":{\"learning_rate\":0.1,\"momentom\":0.5},\"iterations\":0}",
                "{\"class_name\":\"RMSprop\",\"config\":[],\"iterations\":0}"}) {
            assertThrows(IllegalArgumentException.class, () -> OptimizerCodec.decode(parse(bad)), bad);
        }
    }

    @Test
    void aStepCountBeyondTwoToThe53IsAModelFormatErrorNotAWrapToNaN() {
        for (String steps : new String[] {"9223372036854775807", "9007199254740993", "-1"}) {
            String json = "{\"class_name\":\"Adam\",\"config\":{\"learning_rate\":0.1,\"beta_1\":0.9,"
                    + "\"beta_2\":0.999,\"epsilon\":1e-7},\"iterations\":" + steps + "}";
            ConfigException e = assertThrows(ConfigException.class, () -> OptimizerCodec.decode(parse(json)), steps);
            assertTrue(e.getMessage().contains("iterations must be from 0 to 2^53") && e.getMessage().contains(steps),
                    e.getMessage());
        }
    }

    private static Config parse(String json) {
        return ConfigJson.fromJson(JsonParser.parseString(json).getAsJsonObject(), "optimizer");
    }
}
