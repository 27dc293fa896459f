package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchTest {
    // Sizes no other test uses, so arrays they leave in the shared pool cannot be picked instead.
    private static final int LARGE = 1_000_003;

    @Test
    void closingGivesEveryArrayBackForExactlyOneLaterScope() {
        double[] first;
        double[] second;
        try (Scratch scratch = Scratch.open()) {
            first = scratch.take(LARGE + 1);
            second = scratch.take(LARGE + 1);
            assertNotSame(first, second);
        }
        try (Scratch one = Scratch.open(); Scratch other = Scratch.open()) {
            double[] a = one.take(LARGE + 1);
            double[] b = other.take(LARGE + 1);
            assertNotSame(a, b);
            assertTrue((a == first || a == second) && (b == first || b == second), "both arrays come back");
        }
    }

    @Test
    void takeReturnsTheSmallestFreeArrayThatFits() {
        double[] big;
        double[] small;
        try (Scratch scratch = Scratch.open()) {
            big = scratch.take(LARGE * 3 + 7);
            small = scratch.take(LARGE * 2 + 7);
        }
        try (Scratch scratch = Scratch.open()) {
            assertSame(small, scratch.take(LARGE * 2 + 1));
            assertSame(big, scratch.take(LARGE * 2 + 1));
        }
    }

    @Test
    void closingTwiceGivesNothingBackTwiceAndAClosedScopeTakesNothing() {
        Scratch scratch = Scratch.open();
        double[] array = scratch.take(LARGE + 2);
        scratch.close();
        scratch.close();
        try (Scratch one = Scratch.open(); Scratch other = Scratch.open()) {
            assertSame(array, one.take(LARGE + 2));
            assertNotSame(array, other.take(LARGE + 2));
        }
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> scratch.take(3));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void arraysAreAtLeastAsLongAsAskedAndSmallOnesExactlySoAndNeverPooled() {
        double[] small;
        try (Scratch scratch = Scratch.open()) {
            assertTrue(scratch.take(LARGE + 5).length >= LARGE + 5);
            small = scratch.take(Scratch.MIN_POOLED - 1);
            assertEquals(Scratch.MIN_POOLED - 1, small.length);
        }
        try (Scratch scratch = Scratch.open()) {
            assertNotSame(small, scratch.take(Scratch.MIN_POOLED - 1));
        }
    }

    @Test
    void aNegativeLengthIsRejected() {
        try (Scratch scratch = Scratch.open()) {
            assertThrows(IllegalArgumentException.class, () -> scratch.take(-1));
        }
    }
}
