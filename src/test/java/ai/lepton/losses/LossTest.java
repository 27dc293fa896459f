package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossTest {
    private static final double EXACT = 1e-15;
    private static final Tensor Y = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    private static final Tensor P = Tensor.of(new double[] {1.5, 2, 2, 6, 5, 4}, 3, 2);

    /** A loss of the user's own that gives only the reduced value, as Lepton's losses did before call(). */
    private static final class ReducedOnly extends Loss {
        @Override
        public String name() {
            return "reduced_only";
        }

        @Override
        public Tensor compute(Tensor yTrue, Tensor yPred) {
            return yPred.sub(yTrue).abs().sum();
        }
    }

    @Test
    void reductionsAreKeras() {
        Loss loss = new MeanSquaredError();
        double[] perExample = {(0.25 + 0) / 2, (1 + 4) / 2.0, (0 + 4) / 2.0};
        assertArrayEquals(perExample, loss.call(Y, P).toArray(), EXACT);
        assertEquals("sum_over_batch_size", loss.reduction());
        assertEquals((perExample[0] + perExample[1] + perExample[2]) / 3, loss.compute(Y, P).item(), EXACT);
        assertEquals(loss.compute(Y, P).item(), loss.reduction("mean").compute(Y, P).item(), 0.0);
        assertEquals(perExample[0] + perExample[1] + perExample[2], loss.reduction("sum").compute(Y, P).item(), EXACT);
        assertArrayEquals(perExample, loss.reduction("none").compute(Y, P).toArray(), EXACT);
    }

    @Test
    void anUnknownReductionIsAnErrorListingKerasOnes() {
        assertEquals("mean_squared_error: reduction must be one of [sum_over_batch_size, sum, mean, none, mean_with_sample_weight]. Received: reduction=avg",
                assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction("avg")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction(null));
    }

    @Test
    void kerasNullReductionIsNone() {
        Config config = new Huber().getConfig().put("reduction", null);
        assertEquals("none", Losses.fromConfig("Huber", config).reduction());
        assertEquals("sum_over_batch_size", Losses.fromConfig("Huber", Config.of("Huber")).reduction());
    }

    @Test
    void theConfigHoldsTheNameAndTheReduction() {
        assertEquals(Config.of("Poisson").put("name", "poisson").put("reduction", "sum"), new Poisson().reduction("sum").getConfig());
    }

    @Test
    void aLossThatGivesOnlyItsReducedValueSaysSoWhenAskedPerExample() {
        Loss loss = new ReducedOnly();
        assertEquals(5.5, loss.compute(Y, P).item(), EXACT);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> loss.call(Y, P));
        assertTrue(e.getMessage().startsWith("reduced_only (ai.lepton.losses.LossTest$ReducedOnly) gives only the reduced loss"),
                e.getMessage());
    }

    @Test
    void labelsOfShapeBatchFitPredictionsOfShapeBatchByOne() {
        Tensor y = Tensor.of(new double[] {1, 0}, 2);
        Tensor p = Tensor.of(new double[] {0.5, 0.5}, 2, 1);
        assertArrayEquals(new double[] {0.25, 0.25}, new MeanSquaredError().call(y, p).toArray(), EXACT);
        assertEquals("mean_squared_error", new MeanSquaredError().toString());
    }
}
