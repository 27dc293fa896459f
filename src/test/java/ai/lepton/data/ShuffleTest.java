package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShuffleTest {
    @Test
    void anEpochsOrderDependsOnTheSeedAndTheEpochAlone() {
        int[] e3 = Shuffle.order(50, 9, 3);
        assertArrayEquals(e3, Shuffle.order(50, 9, 3));
        assertFalse(Arrays.equals(e3, Shuffle.order(50, 9, 4)));
        assertFalse(Arrays.equals(e3, Shuffle.order(50, 10, 3)));
        int[] sorted = e3.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Shuffle.identity(50), sorted, "a permutation");
    }

    @Test
    void theOrderIsTheOneFitHasAlwaysUsedForTensors() {
        // The contract since Lepton's first fit(x, y): a Fisher-Yates shuffle from the last position,
        // drawing from SplittableRandom(SplittableRandom(seed + epoch).nextLong()). Kept, so that trained
        // weights do not change (FormatVersion1Test resumes a file of the first format exactly).
        for (int epoch = 0; epoch < 3; epoch++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(new java.util.SplittableRandom(42L + epoch).nextLong());
            int[] expected = Shuffle.identity(20);
            for (int i = expected.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = expected[i];
                expected[i] = expected[j];
                expected[j] = t;
            }
            assertArrayEquals(expected, Shuffle.order(20, 42L, epoch));
        }
    }
}
