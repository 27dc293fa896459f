package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CosineSimilarityTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("CosineSimilarity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isMinusOneForVectorsThatPointTheSameWayAndZeroForOrthogonalOnes() {
        Tensor y = Tensor.of(new double[] {1, 2, 1, 0}, 2, 2);
        Tensor p = Tensor.of(new double[] {2, 4, 0, 3}, 2, 2);
        assertArrayEquals(new double[] {-1, 0}, new CosineSimilarity().call(y, p).toArray(), 1e-15);
        assertEquals(1, new CosineSimilarity().axis(1).getConfig().getInt("axis"));
    }
}
