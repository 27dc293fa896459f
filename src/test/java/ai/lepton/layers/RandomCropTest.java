package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.Crop;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomCropTest {
    @Test
    void trainingCutsTheWholeBatchAtOneUniformlyDrawnPlace() {
        Tensor x = Tensor.randn(1, 2, 5, 6, 2);
        RandomCrop layer = new RandomCrop(3, 4);
        layer.build(new int[] {5, 6, 2}, 9L);
        Set<String> places = new HashSet<>();
        for (int call = 0; call < 100; call++) {
            double[] y = layer.call(x, true).toArray();
            String found = null;
            for (int top = 0; top <= 2; top++) {
                for (int left = 0; left <= 2; left++) {
                    double[] window = Crop.apply(x, new int[] {0, top, left, 0}, new int[] {2, 3, 4, 2}).toArray();
                    if (java.util.Arrays.equals(window, y)) {
                        found = top + "," + left;
                    }
                }
            }
            assertTrue(found != null, "call " + call + " is not a window of the input");
            places.add(found);
        }
        assertEquals(9, places.size(), "100 draws over 3 x 3 places: " + places);
        assertEquals(100, layer.draws());
    }

    @Test
    void inferenceAndSmallImagesResizeTheLargestCentredWindowAsKerasDocuments() {
        Tensor x = Tensor.randn(2, 2, 6, 9, 2);
        RandomCrop crop = new RandomCrop(4, 4);
        crop.build(new int[] {6, 9, 2}, 1L);
        Resizing reference = new Resizing(4, 4).cropToAspectRatio(true);
        reference.build(new int[] {6, 9, 2}, 1L);
        assertArrayEquals(reference.call(x, false).toArray(), crop.call(x, false).toArray(), 0.0);

        RandomCrop larger = new RandomCrop(8, 5);
        larger.build(new int[] {6, 9, 2}, 1L);
        Resizing smart = new Resizing(8, 5).cropToAspectRatio(true);
        smart.build(new int[] {6, 9, 2}, 1L);
        assertArrayEquals(smart.call(x, false).toArray(), larger.call(x, true).toArray(), 0.0);
        assertEquals(0, larger.draws(), "no random numbers for an image smaller than the window");
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomCrop(0, 3));
        assertTrue(e.getMessage().contains("Received: height=0"), e.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> new RandomCrop(2, 2).computeOutputShape(new int[] {5, 5}));
        assertTrue(rank.getMessage().contains("'random_crop'") && rank.getMessage().contains("(None, 5, 5)"), rank.getMessage());
    }
}
