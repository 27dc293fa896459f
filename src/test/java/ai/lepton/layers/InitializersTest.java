package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Keras's orthogonal, uniform and LeCun initializers. */
class InitializersTest {
    private static final double ORTHONORMAL_TOLERANCE = 1e-12;

    /** Row or column i of a row-major rows × cols matrix. */
    private static double dot(double[] m, int rows, int cols, boolean byRow, int i, int j) {
        double sum = 0;
        int n = byRow ? cols : rows;
        for (int k = 0; k < n; k++) {
            sum += byRow ? m[i * cols + k] * m[j * cols + k] : m[k * cols + i] * m[k * cols + j];
        }
        return sum;
    }

    @Test
    void orthogonalGivesOrthonormalRowsForAWideKernelAndColumnsForATallOne() {
        int[][] shapes = {{16, 64}, {64, 16}, {8, 8}, {2, 3, 5}};
        for (int[] shape : shapes) {
            double[] w = Initializers.get("orthogonal").initialize(shape, new SplittableRandom(7));
            int cols = shape[shape.length - 1];
            int rows = w.length / cols;
            boolean byRow = rows < cols;
            int n = Math.min(rows, cols);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, dot(w, rows, cols, byRow, i, j), ORTHONORMAL_TOLERANCE,
                            java.util.Arrays.toString(shape) + " " + i + "," + j);
                }
            }
        }
    }

    @Test
    void orthogonalIsTheSignCorrectedQOfTheNormalDraws() {
        // A 2×2 draw [[a, b], [c, d]]: Q's first column is (a, c)/|(a, c)| with R[0][0] = |(a, c)| > 0.
        SplittableRandom replay = new SplittableRandom(3);
        double[] draws = new double[4];
        for (int i = 0; i < 4; i++) {
            draws[i] = Math.sqrt(-2.0 * Math.log(1.0 - replay.nextDouble())) * Math.cos(2.0 * Math.PI * replay.nextDouble());
        }
        double[] q = Initializers.orthogonal(new int[] {2, 2}, new SplittableRandom(3));
        double norm = Math.hypot(draws[0], draws[2]);
        assertArrayEquals(new double[] {draws[0] / norm, draws[2] / norm}, new double[] {q[0], q[2]}, 1e-15);
        // R[1][1] = det / R[0][0] > 0 fixes the second column's sign: (-c, a)/|(a, c)| when det > 0.
        double det = draws[0] * draws[3] - draws[1] * draws[2];
        double sign = Math.signum(det);
        assertArrayEquals(new double[] {-sign * draws[2] / norm, sign * draws[0] / norm}, new double[] {q[1], q[3]}, 1e-15);
    }

    @Test
    void orthogonalNeedsTwoDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializers.get("orthogonal").initialize(new int[] {5}, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("(5)") || e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void uniformIsKerasRandomUniformBetweenMinusAndPlusFiveHundredths() {
        double[] w = Initializers.get("uniform").initialize(new int[] {100, 50}, new SplittableRandom(1));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (double v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertTrue(min >= -0.05 && max < 0.05 && min < -0.049 && max > 0.049, min + " " + max);
        assertEquals(0.0, sum / w.length, 0.002);
    }

    @Test
    void lecunInitializersScaleByTheFanInAsKeras() {
        int fanIn = 50;
        double[] uniform = Initializers.get("lecun_uniform").initialize(new int[] {fanIn, 400}, new SplittableRandom(1));
        double limit = Math.sqrt(3.0 / fanIn);
        double squares = 0;
        for (double v : uniform) {
            assertTrue(Math.abs(v) <= limit, "within the limit: " + v);
            squares += v * v;
        }
        // U(-l, l) has variance l^2 / 3 = 1 / fanIn; 20000 draws give it within 3%.
        assertEquals(1.0 / fanIn, squares / uniform.length, 0.03 / fanIn);
        double[] normal = Initializers.get("lecun_normal").initialize(new int[] {fanIn, 400}, new SplittableRandom(2));
        squares = 0;
        for (double v : normal) {
            squares += v * v;
        }
        // The truncated normal is rescaled so that its variance is 1 / fanIn, as Keras's.
        assertEquals(1.0 / fanIn, squares / normal.length, 0.04 / fanIn);
    }
}
