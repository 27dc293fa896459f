package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    @Test
    void everyKerasActivationIsRegistered() {
        assertEquals(List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign",
                "leaky_relu", "gelu", "swish", "silu", "relu6", "hard_sigmoid", "hard_silu", "hard_swish", "mish", "log_softmax",
                "exponential"), Activations.NAMES);
        Tensor x = Tensor.of(new double[] {-1.5, 0.5, 2.0, -0.25}, 2, 2);
        for (String name : Activations.NAMES) {
            assertArrayEquals(new int[] {2, 2}, Activations.get(name).apply(x).shape(), name);
        }
    }

    @Test
    void registeredFunctionsUseKerasDefaults() {
        Tensor x = Tensor.of(new double[] {-1.0}, 1);
        assertEquals(-0.2, Activations.get("leaky_relu").apply(x).item(), 1e-15);
        assertEquals(Math.exp(-1) - 1, Activations.get("elu").apply(x).item(), 1e-15);
        assertEquals(-1.0, Activations.get("linear").apply(x).item(), 0.0);
        Tensor big = Tensor.of(new double[] {7.0}, 1);
        assertEquals(6.0, Activations.get("relu6").apply(big).item(), 0.0);
        assertEquals(1.0, Activations.get("hard_sigmoid").apply(big).item(), 0.0);
        assertEquals(2.0 / 6.0, Activations.get("hard_sigmoid").apply(x).item(), 1e-15);
    }

    @Test
    void softmaxRemembersItsLogitsForTheCrossEntropies() {
        Tensor logits = Tensor.randn(3, 2, 4);
        Tensor p = Activations.get("softmax").apply(logits);
        assertTrue(ai.lepton.tensor.internal.Storage.logits(p) == logits);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("rleu"));
        assertTrue(e.getMessage().contains("'rleu'") && e.getMessage().contains("leaky_relu"), e.getMessage());
    }
}
