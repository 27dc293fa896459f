package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Masks through the layers Keras passes them through: Dense, Dropout and Activation unchanged,
 * the elementwise merges as the OR of their inputs' masks, Concatenate as Keras's any-over-features.
 */
class MaskPropagationTest {
    private static Tensor masked(long seed, double[] mask, int... shape) {
        Tensor x = Tensor.randn(seed, shape);
        Storage.attachMask(x, Tensor.of(mask, shape[0], shape[1]));
        return x;
    }

    @Test
    void denseDropoutAndActivationPassTheMaskOn() {
        Tensor x = masked(1, new double[] {1, 0, 1}, 1, 3, 2);
        for (Layer layer : new Layer[] {new Dense(4), new Dropout(0.5), new Activation("relu")}) {
            assertTrue(layer.supportsMasking(), layer.toString());
            assertTrue(layer.computeMask(List.of(x)) == Storage.mask(x), layer.toString());
        }
        SymbolicTensor ids = Input.shape(3);
        SymbolicTensor out = new LSTM(2).apply(new Dropout(0.1).apply(new Dense(4).apply(new Embedding(4, 3).maskZero(true)
                .apply(ids))));
        assertArrayEquals(new int[] {1, 2}, new Model(ids, out).predict(Tensor.of(new double[] {1, 2, 0}, 1, 3)).shape());
    }

    @Test
    void elementwiseMergesOrTheMasksAndDropThemWhenAnInputHasNone() {
        Tensor a = masked(1, new double[] {1, 0, 0, 1}, 2, 2, 3);
        Tensor b = masked(2, new double[] {0, 0, 1, 1}, 2, 2, 3);
        assertArrayEquals(new double[] {1, 0, 1, 1}, new Add().computeMask(List.of(a, b)).toArray(), 0.0);
        assertNull(new Multiply().computeMask(List.of(a, Tensor.randn(3, 2, 2, 3))));
    }

    @Test
    void concatenateSpreadsEachMaskOverItsFeaturesJoinsThemAndKeepsAStepAnyInputKeeps() {
        Tensor a = masked(1, new double[] {1, 0, 0, 1}, 2, 2, 3);
        Tensor b = masked(2, new double[] {0, 0, 1, 1}, 2, 2, 1);
        assertArrayEquals(new double[] {1, 0, 1, 1}, new Concatenate().computeMask(List.of(a, b)).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, new Concatenate().computeMask(List.of(a, Tensor.randn(3, 2, 2, 2)))
                .toArray(), 0.0);
        Tensor c = masked(3, new double[] {0, 1, 1, 0}, 2, 2, 3);
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 1, 1, 0}, new Concatenate(1).computeMask(List.of(a, c)).toArray(), 0.0);
        assertNull(new Concatenate().computeMask(List.of(Tensor.randn(4, 2, 2, 3), Tensor.randn(5, 2, 2, 3))));
    }
}
