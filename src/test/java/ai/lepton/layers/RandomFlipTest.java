package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomFlipTest {
    private static final JsonObject FLIPS = LayerFixtures.load("affine.json").getAsJsonObject("flip");

    /** Image b of every training call is either x's or the flipped one's, and both occur. */
    private static void assertEachImageIsKeptOrFlipped(String mode, String flippedKey) {
        Tensor x = LayerFixtures.input(FLIPS);
        int[] shape = x.shape();
        double[] kept = x.toArray();
        double[] flipped = LayerFixtures.doubles(FLIPS, flippedKey);
        RandomFlip layer = new RandomFlip(mode);
        layer.build(Arrays.copyOfRange(shape, 1, 4), 5L);
        int per = x.size() / shape[0];
        boolean sawKept = false;
        boolean sawFlipped = false;
        for (int call = 0; call < 8; call++) {
            Tensor y = layer.call(x, true);
            double[] out = y.toArray();
            for (int b = 0; b < shape[0]; b++) {
                double[] image = Arrays.copyOfRange(out, b * per, (b + 1) * per);
                boolean isKept = Arrays.equals(image, Arrays.copyOfRange(kept, b * per, (b + 1) * per));
                boolean isFlipped = Arrays.equals(image, Arrays.copyOfRange(flipped, b * per, (b + 1) * per));
                assertTrue(isKept || isFlipped, mode + ": image " + b + " of call " + call);
                sawKept |= isKept;
                sawFlipped |= isFlipped;
            }
            y.sum().backward();
            assertArrayEquals(new double[x.size()], x.grad().sub(Tensor.ones(shape)).toArray(), 0.0, "a flip moves gradients, one to one");
            x.zeroGrad();
        }
        assertTrue(sawKept && sawFlipped, mode + ": 24 coin flips gave only one side");
    }

    @Test
    void horizontalMirrorsLeftAndRight() {
        assertEachImageIsKeptOrFlipped("horizontal", "horizontal");
    }

    @Test
    void verticalMirrorsTopAndBottom() {
        assertEachImageIsKeptOrFlipped("vertical", "vertical");
    }

    @Test
    void horizontalAndVerticalFlipsBothWaysWithOneDrawPerImage() {
        assertEachImageIsKeptOrFlipped("horizontal_and_vertical", "both");
    }

    @Test
    void inferencePassesImagesUnchangedAndModesAreChecked() {
        RandomFlip layer = new RandomFlip();
        layer.build(new int[] {3, 3, 1}, 1L);
        Tensor x = Tensor.randn(1, 2, 3, 3, 1);
        assertSame(x, layer.call(x, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
        assertTrue(e.getMessage().contains("Received: mode=diagonal"), e.getMessage());
    }
}
