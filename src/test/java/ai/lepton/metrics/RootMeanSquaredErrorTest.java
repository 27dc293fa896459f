package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RootMeanSquaredErrorTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("RootMeanSquaredError");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void isTheRootOfTheMeanSquaredErrorOverAllExamples() {
        Metric rmse = new RootMeanSquaredError();
        rmse.update(Tensor.of(new double[] {0, 0}, 2, 1), Tensor.of(new double[] {3, 4}, 2, 1));
        rmse.update(Tensor.of(new double[] {1}, 1, 1), Tensor.of(new double[] {1}, 1, 1));
        assertEquals(Math.sqrt(25.0 / 3), rmse.result(), EXACT);
        assertEquals("root_mean_squared_error", rmse.name());
        assertEquals(0.0, new RootMeanSquaredError().result());
        assertThrows(ShapeException.class, () -> rmse.update(Tensor.zeros(3), Tensor.zeros(2, 1)));
    }
}
