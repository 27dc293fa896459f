package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationTest {
    @Test
    void appliesTheNamedFunction() {
        Activation a = new Activation("softmax");
        a.build(new int[] {3}, 0L);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
        assertArrayEquals(x.softmax(-1).toArray(), a.call(x, false).toArray(), 1e-15);
        assertEquals("softmax", a.getConfig().get("activation"));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Activation a = new Activation("gelu");
        a.build(new int[] {4}, 0L);
        Tensor x = Tensor.randn(5, 3, 4).requiresGrad(true);
        assertTrue(GradCheck.check(in -> a.call(in[0], true).pow(2).sum(), x).passed(1e-6));
    }

    @Test
    void unknownNameIsRejectedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Activation("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }
}
