package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Callback;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresBestWeights() {
        // lr 0.2 overshoots w* = 2 more each step, so the loss is best after the first epoch.
        Sequential model = Line.model(0.2);
        List<double[]> weightsAfterEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                weightsAfterEpoch.add(model.getWeights().get(0).toArray());
            }
        };
        EarlyStopping stop = new EarlyStopping().monitor("loss").patience(2).restoreBestWeights(true);
        History h = model.fit(Line.X, Line.Y, Line.quiet(20, recorder, stop));
        assertEquals(3, h.loss().size());
        assertEquals(2, stop.stoppedEpoch());
        assertEquals(0, stop.bestEpoch());
        assertTrue(h.loss().get(1) > h.loss().get(0) && h.loss().get(2) > h.loss().get(0), h.loss().toString());
        assertArrayEquals(weightsAfterEpoch.get(0), model.getWeights().get(0).toArray(), 0.0);
    }

    @Test
    void earlyStoppingKeepsGoingWhileImproving() {
        EarlyStopping stop = new EarlyStopping().monitor("loss");
        History h = Line.model(0.01).fit(Line.X, Line.Y, Line.quiet(5, stop));
        assertEquals(5, h.loss().size());
        assertEquals(-1, stop.stoppedEpoch());
    }
}
