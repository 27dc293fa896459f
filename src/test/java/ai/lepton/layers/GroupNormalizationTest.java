package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNormalizationTest {
    @Test
    void kerasDefaultsAre32GroupsAlongTheLastAxis() {
        Config config = new GroupNormalization().getConfig();
        assertEquals(32, config.getInt("groups"));
        assertEquals(-1, config.getInt("axis"));
        assertEquals(1e-3, config.getDouble("epsilon"));
        GroupNormalization layer = new GroupNormalization();
        layer.build(new int[] {4, 4, 64}, 0L);
        assertEquals(List.of("gamma", "beta"), layer.weightNames());
        assertArrayEquals(new int[] {64}, layer.getWeights().get(0).shape());
    }

    @Test
    void eachGroupOfEachExampleIsNormalizedOnItsOwn() {
        GroupNormalization layer = new GroupNormalization(2);
        layer.build(new int[] {4}, 0L);
        Tensor y = layer.call(Tensor.of(new double[] {1, 3, 100, 104}, 1, 4), false);
        double a = 1 / Math.sqrt(1 + 1e-3);
        double b = 2 / Math.sqrt(4 + 1e-3);
        assertArrayEquals(new double[] {-a, a, -b, b}, y.toArray(), 1e-14);
    }

    @Test
    void groupsThatDoNotFitTheChannelsAreRejectedAsKerasDoes() {
        ShapeException e = assertThrows(ShapeException.class, () -> new GroupNormalization().build(new int[] {8, 8, 16}, 0L));
        assertTrue(e.getMessage().contains("'group_normalization'") && e.getMessage().contains("groups (32)")
                && e.getMessage().contains("channels (16)") && e.getMessage().contains("(None, 8, 8, 16)"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> new GroupNormalization(4).build(new int[] {6}, 0L));
        assertTrue(e.getMessage().contains("multiple"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(0));
        assertTrue(a.getMessage().contains("Received: groups=0"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(2).axis(0));
        assertTrue(a.getMessage().contains("Received: axis=0"), a.getMessage());
    }

    @Test
    void minusOneGroupsIsInstanceNormalization() {
        GroupNormalization layer = new GroupNormalization(-1);
        layer.build(new int[] {2, 3}, 0L);
        Tensor y = layer.call(Tensor.of(new double[] {1, 10, 100, 3, 30, 300}, 1, 2, 3), false);
        double s = 1 / Math.sqrt(1 + 1e-3);
        assertEquals(-s, y.get(0, 0, 0), 1e-14);
        assertEquals(s, y.get(0, 1, 0), 1e-14);
        assertEquals(-1, layer.getConfig().getInt("groups"));
    }
}
