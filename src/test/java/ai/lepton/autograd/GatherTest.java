package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gather: rows by index, gradients added back per row, and bad indices. */
class GatherTest {
    @Test
    void gatherPicksRowsAndAddsTheirGradientsBack() {
        Tensor table = Tensor.of(new double[] {0, 1, 10, 11, 20, 21}, 3, 2);
        Tensor ids = Tensor.of(new double[] {2, 0, 2, 1}, 2, 2);
        assertArrayEquals(new double[] {20, 21, 0, 1, 20, 21, 10, 11}, Gather.apply(table, ids).toArray(), 0.0);
        assertArrayEquals(new int[] {2, 2, 2}, Gather.apply(table, ids).shape());
        GradAssert.assertGradientsMatch("gather", in -> Gather.apply(in[0], ids), GradAssert.normal(3, 3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gather.apply(table, Tensor.of(new double[] {0, 3}, 2)));
        assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("(1,)"), e.getMessage());
        assertThrows(ShapeException.class, () -> Gather.apply(Tensor.zeros(3), ids));
    }
}
