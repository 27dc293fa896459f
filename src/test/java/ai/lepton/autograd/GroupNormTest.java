package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GroupNormTest {
    private static final double EPSILON = 1e-3;

    @Test
    void groupGradientsMatchFiniteDifferences() {
        GradAssert.assertGradientsMatch("2 groups, channels last",
                in -> GroupNorm.apply(in[0], in[1], in[2], -1, 2, EPSILON),
                GradAssert.normal(1, 2, 3, 4), GradAssert.positive(2, 4), GradAssert.normal(3, 4));
        GradAssert.assertGradientsMatch("3 groups, channels first, no gamma",
                in -> GroupNorm.apply(in[0], null, in[1], 1, 3, EPSILON),
                GradAssert.normal(4, 2, 6, 2), GradAssert.normal(5, 6));
    }

    @Test
    void layerGradientsMatchFiniteDifferences() {
        GradAssert.assertGradientsMatch("last axis",
                in -> GroupNorm.overLastAxes(in[0], in[1], in[2], 1, EPSILON),
                GradAssert.normal(6, 3, 5), GradAssert.positive(7, 5), GradAssert.normal(8, 5));
        GradAssert.assertGradientsMatch("last two axes, gamma only",
                in -> GroupNorm.overLastAxes(in[0], in[1], null, 2, EPSILON),
                GradAssert.normal(9, 2, 3, 2), GradAssert.positive(10, 3, 2));
    }

    @Test
    void groupsThatDoNotDivideTheChannelsAreRefusedNamingTheShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> GroupNorm.apply(Tensor.zeros(2, 5), null, null, -1, 2, EPSILON));
        assertTrue(e.getMessage().contains("(2, 5)") && e.getMessage().contains("2 groups"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> GroupNorm.apply(Tensor.zeros(2, 4), null, null, 0, 1, EPSILON));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> GroupNorm.overLastAxes(Tensor.zeros(2, 4), Tensor.ones(3), null, 1, EPSILON));
        assertTrue(e.getMessage().contains("(2, 4)") && e.getMessage().contains("(3,)"), e.getMessage());
    }
}
