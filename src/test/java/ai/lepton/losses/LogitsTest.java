package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LogitsTest {
    @Test
    void rememberedLogitsComeFirstThenThePredictionsIfTheyAreLogits() {
        Tensor z = Tensor.randn(1, 2, 3);
        Tensor softmax = z.softmax(-1);
        assertSame(z, Logits.of(softmax, false));
        assertSame(z, Logits.of(softmax, true));
        assertSame(z, Logits.of(z.sigmoid(), false));
        Tensor plain = Tensor.rand(2, 2, 3);
        assertSame(plain, Logits.of(plain, true));
        assertNull(Logits.of(plain, false));
    }

    @Test
    void aSoftmaxsLogitsServeItsLastAxisOnly() {
        Tensor z = Tensor.randn(1, 2, 3);
        Tensor softmax = z.softmax(-1);
        assertSame(z, Logits.of(softmax, false, 1));
        assertNull(Logits.of(softmax, false, 0));
        assertSame(softmax, Logits.of(softmax, true, 0));
    }
}
