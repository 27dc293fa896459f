package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FBetaScoreTest {
    static List<Golden.MetricCase> golden() {
        return Golden.cases("FBetaScore");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void defaultsAreKeras() {
        FBetaScore f = new FBetaScore();
        assertEquals(1.0, f.beta());
        assertEquals("fbeta_score", f.name());
        assertEquals(1.0, f.getConfig().getDouble("beta"));
    }

    @Test
    void betaMustBePositive() {
        assertEquals("fbeta_score: beta must be positive and finite. Received: beta=0.0",
                assertThrows(IllegalArgumentException.class, () -> new FBetaScore(0.0)).getMessage());
    }
}
