package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowsTest {
    @Test
    void argmaxTakesTheFirstOnTies() {
        assertEquals(2, Rows.argmax(new double[] {0, 0, 0.5}, 0, 3));
        assertEquals(0, Rows.argmax(new double[] {2, 2, 1}, 0, 3));
        assertEquals(0, Rows.argmax(new double[] {9, 9, 9, 2, 2, 1}, 1, 3));
    }

    @Test
    void inTopKCountsStrictlyLargerValuesSoTiesAreIn() {
        double[] row = {0.1, 0.3, 0.3, 0.3};
        assertTrue(Rows.inTopK(row, 0, 4, 3, 1));
        assertFalse(Rows.inTopK(row, 0, 4, 0, 3));
        assertTrue(Rows.inTopK(row, 0, 4, 0, 4));
        assertFalse(Rows.inTopK(new double[] {Double.NaN, 0.1}, 0, 2, 0, 1));
    }
}
