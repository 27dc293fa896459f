package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FScoreTest {
    private static final double EXACT = 1e-15;

    @Test
    void withoutAveragingResultIsTheMeanOfThePerClassScores() {
        FScore f1 = new F1Score();
        f1.update(Tensor.of(new double[] {1, 0, 0, 1, 0, 1}, 3, 2), Tensor.of(new double[] {0.9, 0.1, 0.6, 0.4, 0.2, 0.8}, 3, 2));
        double[] perClass = f1.results();
        assertEquals(2, perClass.length);
        assertEquals((perClass[0] + perClass[1]) / 2, f1.result(), EXACT);
        assertArrayEquals(new double[0], new F1Score().results());
        assertEquals(0.0, new F1Score().result());
    }

    @Test
    void microAveragingKeepsOneCountOfEach() {
        FScore micro = new F1Score().average("micro");
        micro.update(Tensor.zeros(4, 3), Tensor.zeros(4, 3));
        assertEquals(4, micro.state().length);
    }

    @Test
    void countsWaitForTheFirstBatchOrAMerge() {
        FScore seen = new FBetaScore(2.0);
        seen.update(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), Tensor.of(new double[] {0.6, 0.4, 0.7, 0.3}, 2, 2));
        FScore waiting = new FBetaScore(2.0);
        assertEquals(0, waiting.state().length);
        waiting.merge(seen.state());
        assertArrayEquals(seen.results(), waiting.results());
        assertThrows(ShapeException.class, () -> seen.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
    }

    @Test
    void badSettingsAndShapesAreClearErrors() {
        assertEquals("f1_score: average must be null or one of [micro, macro, weighted]. Received: average=binary",
                assertThrows(IllegalArgumentException.class, () -> new F1Score().average("binary")).getMessage());
        assertEquals("f1_score: threshold must verify 0 < threshold <= 1. Received: threshold=0.0",
                assertThrows(IllegalArgumentException.class, () -> new F1Score().threshold(0)).getMessage());
        assertThrows(ShapeException.class, () -> new F1Score().update(Tensor.zeros(4), Tensor.zeros(4)));
    }
}
