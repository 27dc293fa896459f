package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class R2ScoreTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("R2Score");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void perfectPredictionsScoreOneAndTheMeanScoresZero() {
        Tensor y = Tensor.of(new double[] {1, 2, 3, 6}, 4, 1);
        Metric perfect = new R2Score();
        perfect.update(y, y);
        assertEquals(1.0, perfect.result(), EXACT);
        Metric mean = new R2Score();
        mean.update(y, Tensor.of(new double[] {3, 3, 3, 3}, 4, 1));
        assertEquals(0.0, mean.result(), EXACT);
        assertEquals(0.0, new R2Score().result());
    }

    @Test
    void badSettingsAndShapesAreClearErrors() {
        assertEquals("r2_score: classAggregation must be null or one of [uniform_average, variance_weighted_average]. "
                + "Received: classAggregation=mean",
                assertThrows(IllegalArgumentException.class, () -> new R2Score().classAggregation("mean")).getMessage());
        assertEquals("r2_score: numRegressors must be >= 0. Received: numRegressors=-1",
                assertThrows(IllegalArgumentException.class, () -> new R2Score().numRegressors(-1)).getMessage());
        assertThrows(ShapeException.class, () -> new R2Score().update(Tensor.zeros(4), Tensor.zeros(4)));
        R2Score seen = new R2Score();
        seen.update(Tensor.zeros(2, 2), Tensor.zeros(2, 2));
        assertThrows(ShapeException.class, () -> seen.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
    }
}
