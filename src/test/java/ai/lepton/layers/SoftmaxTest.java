package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    @Test
    void probabilitiesSumToOneAlongTheAxis() {
        Softmax layer = new Softmax(1);
        layer.build(new int[] {3, 4}, 0L);
        Tensor p = layer.call(Tensor.randn(1, 2, 3, 4), false);
        Tensor sums = p.sum(1, false);
        for (double s : sums.toArray()) {
            assertEquals(1.0, s, 1e-15);
        }
    }

    @Test
    void overTheLastAxisTheOutputRemembersItsLogitsForTheCrossEntropies() {
        Softmax last = new Softmax();
        last.build(new int[] {5}, 0L);
        Tensor logits = Tensor.randn(2, 3, 5);
        assertTrue(Storage.logits(last.call(logits, false)) == logits);
        Softmax middle = new Softmax(1);
        middle.build(new int[] {3, 4}, 0L);
        assertNull(Storage.logits(middle.call(Tensor.randn(3, 2, 3, 4), false)));
    }

    @Test
    void aModelEndingInTheLayerComputesCrossEntropyFromTheLogits() {
        SymbolicTensor in = Input.shape(2);
        Model model = new Model(in, new Softmax().apply(new Dense(3).useBias(false).apply(in)));
        model.compile("sgd", "categorical_crossentropy");
        // Logits 0, 100 and -100 for class 0: its probability rounds to e^-100, far below any clipping.
        model.setWeights(List.of(Tensor.of(new double[] {0, 100, -100, 0, 0, 0}, 2, 3)));
        Tensor x = Tensor.of(new double[] {1, 0}, 1, 2);
        Tensor y = Tensor.of(new double[] {1, 0, 0}, 1, 3);
        double expected = Math.log(1 + Math.exp(100) + Math.exp(-100));
        assertEquals(expected, model.evaluate(x, y).loss(), 1e-12);
    }

    @Test
    void anAxisOutOfRangeNamesTheLayerAndTheShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> new Softmax(3).build(new int[] {3, 4}, 0L));
        assertTrue(e.getMessage().contains("'softmax'") && e.getMessage().contains("(None, 3, 4)") && e.getMessage().contains("axis=3"),
                e.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Softmax(0));
        assertTrue(zero.getMessage().contains("Received: axis=0"), zero.getMessage());
    }

    @Test
    void aKerasAxisListOfOneIsReadAndOfTwoRejected() {
        assertEquals(1, Layers.fromConfig("Softmax", Config.of("k").put("axis", List.of(1))).getConfig().getInt("axis"));
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Softmax", Config.of("k").put("axis", List.of(1, 2))));
    }
}
