package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The engine: accumulation, shared subexpressions, long chains, errors. */
class BackwardTest {
    private static final double EXACT = 0.0;
    private static final double VALUE_TOLERANCE = 1e-12;
    private static final int LONG_CHAIN = 100_000;

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.of(new double[] {3, -2}, 2).requiresGrad(true);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {6, -4}, x.grad().toArray(), EXACT);
    }

    @Test
    void aSharedIntermediateGetsAllContributions() {
        Tensor x = Tensor.of(new double[] {0.5, 1.5}, 2).requiresGrad(true);
        Tensor e = x.exp();
        e.add(e.mul(3)).add(e.sum()).sum().backward();
        // d/dx [e + 3e + 2 * sum(e)] per element = (1 + 3 + 2) e^x
        double[] expected = {6 * Math.exp(0.5), 6 * Math.exp(1.5)};
        assertArrayEquals(expected, x.grad().toArray(), VALUE_TOLERANCE);
    }

    @Test
    void twoBackwardCallsAddUp() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = x.mul(3).sum();
        loss.backward();
        loss.backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().toArray(), EXACT);
        x.pow(2).sum().backward();
        assertArrayEquals(new double[] {8, 10}, x.grad().toArray(), EXACT);
    }

    @Test
    void backwardFromALeafScalarGivesOne() {
        Tensor x = Tensor.scalar(4).requiresGrad(true);
        x.backward();
        assertEquals(1.0, x.grad().item(), EXACT);
    }

    @Test
    void chainOfHundredThousandOpsBackpropagatesOnTheDefaultStack() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < LONG_CHAIN; i++) {
            y = i % 2 == 0 ? y.mul(1.0) : y.add(1.0);
        }
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().toArray(), EXACT);
    }

    @Test
    void intermediateGradientsAreNotRetained() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor hidden = x.mul(2);
        hidden.tanh().sum().backward();
        assertNull(hidden.grad());
        assertNull(Storage.grad(hidden));
    }

    @Test
    void constantsGetNoGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor c = Tensor.of(new double[] {5, 6}, 2);
        x.mul(c).sum().backward();
        assertNull(c.grad());
        assertArrayEquals(new double[] {5, 6}, x.grad().toArray(), EXACT);
    }

    @Test
    void backwardOnANonScalarFailsWithAClearMessage() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: needs a one-element tensor such as a loss, got shape (2, 3); "
                + "reduce it first, e.g. with sum() or mean()", e.getMessage());
    }

    @Test
    void backwardWithoutHistoryFailsWithAClearMessage() {
        Tensor y = Tensor.ones(2).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: the tensor does not require a gradient: no input of it was marked with "
                + "requiresGrad(true), or it was computed inside NoGrad", e.getMessage());
    }

    @Test
    void detachCutsTheHistory() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        y.detach().mul(x).sum().backward();
        // only the direct use of x counts: d/dx [const(3x) * x] = 3x
        assertArrayEquals(new double[] {3, 6}, x.grad().toArray(), EXACT);
    }
}
