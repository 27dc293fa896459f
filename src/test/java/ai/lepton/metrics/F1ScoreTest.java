package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class F1ScoreTest {
    static List<Golden.MetricCase> golden() {
        return Golden.cases("F1Score");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void isFBetaWithBetaOneAndKerasConfig() {
        F1Score f1 = new F1Score();
        assertEquals(1.0, f1.beta());
        assertEquals("f1_score", f1.name());
        assertFalse(f1.getConfig().has("beta"));
    }
}
