package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseLossTest {
    private static final double ROUNDING = 1e-15;

    @Test
    void perExampleIsTheMeanOverTheAxisAndTheDefaultTheMeanOverAll() {
        Tensor y = Tensor.randn(1, 2, 3, 4);
        Tensor p = Tensor.randn(2, 2, 3, 4);
        ElementwiseLoss loss = new MeanAbsoluteError();
        Tensor perExample = loss.call(y, p);
        assertArrayEquals(new int[] {2, 3}, perExample.shape());
        assertArrayEquals(p.sub(y).abs().mean(-1, false).toArray(), perExample.toArray(), 0.0);
        assertEquals(perExample.mean().item(), loss.compute(y, p).item(), ROUNDING);
        assertEquals(perExample.sum().item(), loss.reduction("sum").compute(y, p).item(), 0.0);
    }

    @Test
    void anAxisOptionMovesTheMean() {
        Tensor y = Tensor.rand(3, 2, 3, 4);
        Tensor p = Tensor.rand(4, 2, 3, 4);
        Tensor perExample = new BinaryCrossentropy().axis(1).call(y, p);
        assertArrayEquals(new int[] {2, 4}, perExample.shape());
        assertEquals(perExample.mean().item(), new BinaryCrossentropy().axis(1).compute(y, p).item(), ROUNDING);
    }
}
