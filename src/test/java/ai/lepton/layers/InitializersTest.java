package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {
    @Test
    void lecunInitializersScaleByTheFanInAsKeras() {
        int fanIn = 50;
        double[] uniform = Initializers.get("lecun_uniform").initialize(new int[] {fanIn, 400}, new SplittableRandom(1));
        double limit = Math.sqrt(3.0 / fanIn);
        double squares = 0;
        for (double v : uniform) {
            assertTrue(Math.abs(v) <= limit, "within the limit: " + v);
            squares += v * v;
        }
        // U(-l, l) has variance l^2 / 3 = 1 / fanIn; 20000 draws give it within 3%.
        assertEquals(1.0 / fanIn, squares / uniform.length, 0.03 / fanIn);
        double[] normal = Initializers.get("lecun_normal").initialize(new int[] {fanIn, 400}, new SplittableRandom(2));
        squares = 0;
        for (double v : normal) {
            squares += v * v;
        }
        // The truncated normal is rescaled so that its variance is 1 / fanIn, as Keras's.
        assertEquals(1.0 / fanIn, squares / normal.length, 0.04 / fanIn);
    }
}
