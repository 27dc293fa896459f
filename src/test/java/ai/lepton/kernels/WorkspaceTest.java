package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
    // Sizes no other test uses, so arrays they leave in the shared pool cannot be picked instead.
    private static final int LARGE = 1_000_003;

    @Test
    void aGivenArrayIsHandedOutAgainToExactlyOneTaker() {
        double[] first = Workspace.take(LARGE + 1);
        Workspace.give(first);
        double[] again = Workspace.take(LARGE + 1);
        assertSame(first, again);
        assertNotSame(again, Workspace.take(LARGE + 1));
        Workspace.give(again);
    }

    @Test
    void takeReturnsTheSmallestFreeArrayThatFits() {
        double[] big = new double[LARGE * 3 + 7];
        double[] small = new double[LARGE * 2 + 7];
        Workspace.give(big);
        Workspace.give(small);
        double[] taken = Workspace.take(LARGE * 2 + 1);
        assertSame(small, taken);
        assertSame(big, Workspace.take(LARGE * 2 + 1));
    }

    @Test
    void arraysAreAtLeastAsLongAsAsked() {
        assertTrue(Workspace.take(LARGE + 5).length >= LARGE + 5);
        assertTrue(Workspace.take(3).length == 3);
    }

    @Test
    void smallArraysAreNotPooled() {
        double[] small = new double[Workspace.MIN_POOLED - 1];
        Workspace.give(small);
        assertNotSame(small, Workspace.take(Workspace.MIN_POOLED - 1));
    }

    @Test
    void aNegativeLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Workspace.take(-1));
    }
}
