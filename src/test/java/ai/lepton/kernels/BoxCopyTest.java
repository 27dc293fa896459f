package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BoxCopyTest {
    @Test
    void copiesOnlyTheBoxBetweenArraysOfDifferentShapes() {
        double[] src = new double[24];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        double[] dst = new double[12];
        java.util.Arrays.fill(dst, -1);
        // the 2 x 2 x 2 box at (0, 1, 2) of a 2 x 3 x 4 array, to (1, 0, 0) of a 3 x 2 x 2 array
        BoxCopy.copy(src, new int[] {2, 3, 4}, new int[] {0, 1, 2}, dst, new int[] {3, 2, 2}, new int[] {1, 0, 0}, new int[] {2, 2, 2});
        assertArrayEquals(new double[] {-1, -1, -1, -1, 6, 7, 10, 11, 18, 19, 22, 23}, dst, 0.0);
    }

    @Test
    void anEmptyBoxCopiesNothing() {
        double[] dst = {5, 5};
        BoxCopy.copy(new double[2], new int[] {2}, new int[] {0}, dst, new int[] {2}, new int[] {0}, new int[] {0});
        assertArrayEquals(new double[] {5, 5}, dst, 0.0);
    }
}
