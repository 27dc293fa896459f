package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void validOutputIsFloorOfRemainderOverStridePlusOne() {
        assertEquals(26, Padding.VALID.outputSize(28, 3, 1));
        assertEquals(13, Padding.VALID.outputSize(27, 3, 2));
        assertEquals(0, Padding.VALID.outputSize(2, 3, 2));
        assertEquals(0, Padding.VALID.padBefore(28, 3, 1));
        assertEquals(0, Padding.VALID.padAfter(28, 3, 1));
    }

    @Test
    void sameMatchesTensorFlowIncludingTheExtraPadAfter() {
        assertEquals(4, Padding.SAME.outputSize(7, 3, 2));
        assertEquals(1, Padding.SAME.padBefore(7, 3, 2));  // total 2
        assertEquals(1, Padding.SAME.padAfter(7, 3, 2));
        assertEquals(3, Padding.SAME.outputSize(6, 2, 2));
        assertEquals(0, Padding.SAME.padBefore(6, 2, 2));  // total 0
        assertEquals(1, Padding.SAME.padBefore(6, 4, 2));  // total 2
        assertEquals(2, Padding.SAME.padBefore(9, 5, 1));  // total 4
        assertEquals(0, Padding.SAME.padBefore(5, 2, 1));  // total 1, all after
        assertEquals(1, Padding.SAME.padAfter(5, 2, 1));
    }

    @Test
    void thePaddingRuleBecomesExplicitPadsThatGiveTheSameOutputSize() {
        SlidingWindow w = new SlidingWindow(2, 8, 7, 3, 3, 2, 2, 1, Padding.SAME);
        assertEquals(new SlidingWindow(2, 8, 7, 3, 3, 2, 2, 1, 1, 1, 0, 1, 0, 1), w);
        assertEquals(Padding.SAME.outputSize(8, 3, 2), w.outHeight());
        assertEquals(Padding.SAME.outputSize(7, 2, 1), w.outWidth());
        SlidingWindow valid = new SlidingWindow(2, 8, 7, 3, 3, 2, 2, 1, Padding.VALID);
        assertEquals(Padding.VALID.outputSize(8, 3, 2), valid.outHeight());
        assertEquals(Padding.VALID.outputSize(7, 2, 1), valid.outWidth());
    }

    @Test
    void dilationSpreadsTheTapsAndWidensTheSpan() {
        // A 3×3 kernel with dilation 2 spans 5×5: a 9×9 input gives (9 − 5) / 1 + 1 = 5 positions per axis.
        SlidingWindow w = new SlidingWindow(1, 9, 9, 1, 3, 3, 1, 1, 2, 2, 0, 0, 0, 0);
        assertEquals(5, w.spanH());
        assertEquals(5, w.outHeight());
        assertEquals(9, w.patchSize());
        assertTrue(!w.undilated() && new SlidingWindow(1, 9, 9, 1, 3, 3, 1, 1, Padding.VALID).undilated());
    }

    @Test
    void withBatchKeepsEverythingButTheBatch() {
        SlidingWindow w = new SlidingWindow(9, 7, 7, 3, 3, 3, 2, 2, Padding.SAME);
        SlidingWindow chunk = w.withBatch(4);
        assertEquals(4, chunk.batch());
        assertEquals(w, chunk.withBatch(9));
    }

    @Test
    void rejectsNonPositiveSizesPadsAsWideAsTheWindowAndWindowsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SlidingWindow(1, 0, 4, 1, 2, 2, 1, 1, Padding.SAME));
        assertTrue(e.getMessage().contains("input=(1, 0, 4, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 2, 4, 1, 3, 3, 1, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 4, 4, 1, 2, 2, 0, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 4, 4, 1, 2, 2, 0, 1, Padding.SAME));
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> new SlidingWindow(1, 4, 4, 1, 2, 2, 1, 1, 1, 1, 2, 0, 0, 0));
        assertTrue(pad.getMessage().contains("(2, 0, 0, 0)"), pad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 4, 4, 1, 2, 2, 1, 1, 0, 1, 0, 0, 0, 0));
    }
}
