package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.autograd.Narrow;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TimeDistributed: the wrapped layer at every step with one set of weights; Dense on sequences. */
class TimeDistributedTest {
    private static final double GRAD_TOLERANCE = 1e-6;

    @Test
    void everyStepIsTheWrappedLayerOnThatStep() {
        Dense dense = new Dense(3, "tanh");
        TimeDistributed td = new TimeDistributed(dense);
        td.build(new int[] {4, 2}, 1L);
        Tensor x = Tensor.randn(2, 5, 4, 2);
        Tensor y = td.call(x, false);
        assertArrayEquals(new int[] {5, 4, 3}, y.shape());
        for (int t = 0; t < 4; t++) {
            Tensor step = Narrow.apply(x, 1, t, 1).reshape(5, 2);
            assertArrayEquals(dense.call(step, false).toArray(), Narrow.apply(y, 1, t, 1).reshape(5, 3).toArray(), 0.0);
        }
        assertEquals(List.of("dense/kernel", "dense/bias"), td.weightNames());
    }

    @Test
    void denseOnSequencesActsOnTheLastAxisLikeTimeDistributedDense() {
        Dense dense = new Dense(3);
        dense.build(new int[] {4, 2}, 1L);
        TimeDistributed td = new TimeDistributed(new Dense(3));
        td.build(new int[] {4, 2}, 2L);
        td.setWeights(dense.getWeights());
        Tensor x = Tensor.randn(3, 5, 4, 2);
        assertArrayEquals(new int[] {4, 3}, dense.outputShape());
        assertArrayEquals(td.call(x, false).toArray(), dense.call(x, false).toArray(), 0.0);
        assertTrue(dense.supportsMasking(), "Keras's Dense passes masks on");
    }

    @Test
    void convolutionsPerFrameAndGradientsMatchFiniteDifferences() {
        TimeDistributed td = new TimeDistributed(new Conv2D(2, 2));
        td.build(new int[] {3, 4, 4, 1}, 1L);
        assertArrayEquals(new int[] {3, 3, 3, 2}, td.outputShape());
        Tensor x = Tensor.randn(4, 2, 3, 4, 4, 1).requiresGrad(true);
        Tensor mix = Tensor.randn(5, 2, 3, 3, 3, 2);
        List<Tensor> all = new ArrayList<>(td.trainableWeights());
        all.add(0, x);
        GradCheck.Result r = GradCheck.check(t -> td.call(t[0], false).mul(mix).sum(), all.toArray(new Tensor[0]));
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void aMaskedInputIsTakenAndNotPassedOnAsInKeras3() {
        SymbolicTensor ids = Input.shape(4);
        SymbolicTensor out = new TimeDistributed(new Dense(2)).apply(new Embedding(5, 3).maskZero(true).apply(ids));
        Model model = new Model(ids, out).seed(1L);
        Tensor y = model.predict(Tensor.of(new double[] {1, 2, 0, 0}, 1, 4));
        assertArrayEquals(new int[] {1, 4, 2}, y.shape());
        assertNull(new TimeDistributed(new Dense(2)).computeMask(List.of(Storage.wrap(new double[2], 1, 2))));
    }

    @Test
    void theInputNeedsAStepAxisAndTheConfigNestsTheLayer() {
        ShapeException e = assertThrows(ShapeException.class, () -> new TimeDistributed(new Dense(2)).apply(Input.shape(5)));
        assertTrue(e.getMessage().contains("'time_distributed'") && e.getMessage().contains("(None, 5)"), e.getMessage());
        TimeDistributed td = new TimeDistributed(new Dense(2).name("per_step"));
        Layer again = Layers.fromConfig("TimeDistributed", td.getConfig());
        assertEquals(td.getConfig(), again.getConfig());
        assertEquals("per_step", ((TimeDistributed) again).layer().name());
    }
}
