package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final double GRAD_TOLERANCE = 1e-6;
    private static final long SEED = 42L;

    private static Dropout built(double rate, long seed, int... shape) {
        Dropout d = new Dropout(rate);
        d.build(shape, seed);
        return d;
    }

    @Test
    void isTheIdentityWhenNotTraining() {
        Tensor x = Tensor.randn(1, 4, 10);
        Dropout d = built(0.5, SEED, 10);
        assertSame(x, d.call(x, false));
    }

    @Test
    void trainingKeepsEachValueScaledByOneOverKeepProbabilityOrZeroesIt() {
        double rate = 0.3;
        Tensor x = Tensor.rand(2, 50, 40).add(1.0);
        double[] in = x.toArray();
        double[] out = built(rate, SEED, 40).call(x, true).toArray();
        int dropped = 0;
        for (int i = 0; i < in.length; i++) {
            if (out[i] == 0.0) {
                dropped++;
            } else {
                assertEquals(in[i] / (1 - rate), out[i], 1e-15);
            }
        }
        // 2000 Bernoulli(0.3) draws: the dropped fraction is within 0.3 +- 0.05 with overwhelming probability.
        assertEquals(rate, dropped / (double) in.length, 0.05);
    }

    @Test
    void masksAreReproducibleFromTheSeedAndChangeBetweenCalls() {
        Tensor x = Tensor.ones(3, 20);
        Dropout a = built(0.5, SEED, 20);
        Dropout b = built(0.5, SEED, 20);
        double[] first = a.call(x, true).toArray();
        assertArrayEquals(first, b.call(x, true).toArray());
        assertNotEquals(Arrays.toString(first), Arrays.toString(a.call(x, true).toArray()));
        assertNotEquals(Arrays.toString(first),
                Arrays.toString(built(0.5, SEED + 1, 20).call(x, true).toArray()));
    }

    @Test
    void restoringTheCountOfMasksDrawnResumesTheSameSequence() {
        Tensor x = Tensor.ones(4, 30);
        Dropout uninterrupted = built(0.5, SEED, 30);
        uninterrupted.call(x, true);
        uninterrupted.call(x, true);
        double[] third = uninterrupted.call(x, true).toArray();
        assertEquals(3, uninterrupted.draws());

        Dropout resumed = built(0.5, SEED, 30).draws(2);
        assertArrayEquals(third, resumed.call(x, true).toArray());
        assertThrows(IllegalArgumentException.class, () -> resumed.draws(-1));
    }

    @Test
    void gradientFlowsThroughTheKeptElementsOnly() {
        Tensor x = Tensor.randn(3, 2, 6).requiresGrad(true);
        // A fresh layer with the same seed per evaluation, so every evaluation draws the same mask.
        GradCheck.Result r = GradCheck.check(in -> built(0.4, SEED, 6).call(in[0], true).pow(2).sum(), x);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void rateOutsideZeroToOneIsRejectedEchoingTheValue() {
        for (double rate : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(rate));
            assertTrue(e.getMessage().contains("Received: rate=" + rate), e.getMessage());
        }
        assertEquals(0.0, new Dropout(0.0).getConfig().get("rate"));
    }
}
