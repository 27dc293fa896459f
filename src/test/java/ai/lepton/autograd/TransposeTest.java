package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;

import org.junit.jupiter.api.Test;

class TransposeTest {
    private static final long SEED = 53L;

    @Test
    void transposeGradientsMatchFiniteDifferences() {
        assertGradientsMatch("transpose()", in -> in[0].transpose(), normal(SEED, 2, 3, 4));
        assertGradientsMatch("transpose(1, 2, 0)", in -> in[0].transpose(1, 2, 0), normal(SEED, 2, 3, 4));
        assertGradientsMatch("transpose(2, 0, 1)", in -> in[0].transpose(2, 0, 1), normal(SEED, 2, 3, 4));
        assertGradientsMatch("matrix transpose", in -> in[0].transpose(1, 0), normal(SEED, 3, 5));
    }

    @Test
    void transposeInsideAProductGradientsMatchFiniteDifferences() {
        assertGradientsMatch("x . xT", in -> in[0].matmul(in[0].transpose()), normal(SEED, 3, 4));
    }
}
