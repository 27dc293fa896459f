package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // the steps' scopes are the point; their variables are unused
class StepArenaTest {
    private static final int LARGE = StepArena.MIN_RECYCLED;

    @Test
    void outsideAStepEveryArrayIsFreshAndZeroed() {
        double[] a = StepArena.take(LARGE);
        a[0] = 1;
        double[] b = StepArena.take(LARGE);
        assertNotSame(a, b);
        assertArrayEquals(new double[LARGE], b);
    }

    @Test
    void aStepGetsThePreviousStepsArraysOfTheSameLengthAndNeverOneTwice() {
        StepArena arena = new StepArena();
        double[] first;
        double[] second;
        double[] other;
        try (StepArena step = arena.begin()) {
            first = StepArena.take(LARGE);
            second = StepArena.take(LARGE);
            other = StepArena.take(LARGE + 1);
            assertNotSame(first, second);
        }
        try (StepArena step = arena.begin()) {
            double[] a = StepArena.take(LARGE);
            double[] b = StepArena.take(LARGE);
            double[] c = StepArena.take(LARGE);
            assertSame(first, a);
            assertSame(second, b);
            assertNotSame(first, c);
            assertNotSame(second, c);
            assertSame(other, StepArena.take(LARGE + 1));
        }
        // Closed: fresh arrays again.
        assertNotSame(first, StepArena.take(LARGE));
    }

    @Test
    void arraysNoStepAskedForAreDroppedAfterOneStep() {
        StepArena arena = new StepArena();
        double[] kept;
        try (StepArena step = arena.begin()) {
            kept = StepArena.take(LARGE);
        }
        try (StepArena step = arena.begin()) {
            StepArena.take(LARGE + 2); // the array of length LARGE stays free in this step
        }
        try (StepArena step = arena.begin()) {
            assertNotSame(kept, StepArena.take(LARGE));
        }
    }

    @Test
    void smallArraysAreNotRecycled() {
        StepArena arena = new StepArena();
        double[] small;
        try (StepArena step = arena.begin()) {
            small = StepArena.take(LARGE - 1);
        }
        try (StepArena step = arena.begin()) {
            assertNotSame(small, StepArena.take(LARGE - 1));
        }
    }

    @Test
    void stepsDoNotNestOnOneThread() {
        StepArena arena = new StepArena();
        try (StepArena step = arena.begin()) {
            assertThrows(IllegalStateException.class, new StepArena()::begin);
        }
    }
}
