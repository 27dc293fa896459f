package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;

import org.junit.jupiter.api.Test;

class ReshapeTest {
    private static final long SEED = 47L;

    @Test
    void reshapeGradientsMatchFiniteDifferences() {
        assertGradientsMatch("reshape (4, -1)", in -> in[0].reshape(4, -1), normal(SEED, 2, 3, 4));
        assertGradientsMatch("reshape (-1,)", in -> in[0].reshape(-1), normal(SEED, 2, 3, 4));
        assertGradientsMatch("reshape (3, 1, -1, 2)", in -> in[0].reshape(3, 1, -1, 2), normal(SEED, 2, 3, 4));
    }

    @Test
    void reshapeThenBroadcastGradientsMatchFiniteDifferences() {
        assertGradientsMatch("reshape then add", in -> in[0].reshape(-1, 1).add(in[1]),
                normal(SEED, 2, 3), normal(SEED + 1, 4));
    }
}
