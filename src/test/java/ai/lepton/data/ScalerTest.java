package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalerTest {
    private static final double TOLERANCE = 1e-12;

    /** Two features: the first 1, 2, 3, 4; the second constant 5. */
    private static final Dataset TRAIN = Dataset.of(Tensor.of(new double[] {1, 5, 2, 5, 3, 5, 4, 5}, 4, 2),
            Tensor.of(new double[] {0, 1, 0, 1}, 4), List.of("a", "b"));
    private static final Tensor TEST = Tensor.of(new double[] {5, 7}, 1, 2);

    @Test
    void minMaxMapsTrainingRangeToUnitIntervalAndReusesItOnTestData() {
        Scaler scaler = Scaler.minMax().fit(TRAIN);
        assertArrayEquals(new double[] {0, 0, 1.0 / 3, 0, 2.0 / 3, 0, 1, 0}, scaler.transform(TRAIN).x().toArray(),
                TOLERANCE);
        assertArrayEquals(new double[] {4.0 / 3, 2}, scaler.transform(TEST).toArray(), TOLERANCE);
    }

    @Test
    void standardGivesZeroMeanUnitVarianceOnTrainingData() {
        Scaler scaler = Scaler.standard().fit(TRAIN);
        double std = Math.sqrt(1.25);
        assertArrayEquals(new double[] {-1.5 / std, 0, -0.5 / std, 0, 0.5 / std, 0, 1.5 / std, 0},
                scaler.transform(TRAIN.x()).toArray(), TOLERANCE);
        assertArrayEquals(new double[] {2.5 / std, 2}, scaler.transform(TEST).toArray(), TOLERANCE);
    }

    @Test
    void transformKeepsLabelsAndClassNames() {
        Dataset scaled = Scaler.standard().fit(TRAIN).transform(TRAIN);
        assertArrayEquals(TRAIN.y().toArray(), scaled.y().toArray());
        assertEquals(List.of("a", "b"), scaled.classNames());
    }

    @Test
    void divideByNeedsNoFitAndScalesImagesOfAnyShape() {
        Scaler scaler = Scaler.divideBy(255);
        assertTrue(scaler.isFitted());
        Tensor images = Tensor.of(new double[] {0, 51, 255, 102}, 1, 2, 2, 1);
        assertArrayEquals(new double[] {0, 0.2, 1, 0.4}, scaler.transform(images).toArray());
        assertArrayEquals(new int[] {1, 2, 2, 1}, scaler.transform(images).shape());
    }

    @Test
    void unfittedScalerRefusesToTransform() {
        assertFalse(Scaler.minMax().isFitted());
        assertThrows(IllegalStateException.class, () -> Scaler.minMax().transform(TEST));
    }

    @Test
    void featureCountMustMatchTheFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.minMax().fit(TRAIN).transform(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }
}
