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
    }

    @Test
    void sameMatchesTensorFlowIncludingTheExtraPadAfter() {
        assertEquals(4, Padding.SAME.outputSize(7, 3, 2));
        assertEquals(1, Padding.SAME.padBefore(7, 3, 2));  // total 2
        assertEquals(3, Padding.SAME.outputSize(6, 2, 2));
        assertEquals(0, Padding.SAME.padBefore(6, 2, 2));  // total 0
        assertEquals(1, Padding.SAME.padBefore(6, 4, 2));  // total 2
        assertEquals(2, Padding.SAME.padBefore(9, 5, 1));  // total 4
        assertEquals(0, Padding.SAME.padBefore(5, 2, 1));  // total 1, all after
    }

    @Test
    void rejectsNonPositiveSizesAndWindowsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SlidingWindow(1, 0, 4, 1, 2, 2, 1, 1, Padding.SAME));
        assertTrue(e.getMessage().contains("input=(1, 0, 4, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 2, 4, 1, 3, 3, 1, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(1, 4, 4, 1, 2, 2, 0, 1, Padding.VALID));
    }
}
