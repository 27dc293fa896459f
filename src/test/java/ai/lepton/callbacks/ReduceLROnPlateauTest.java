package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {
    @Test
    void reduceLrOnPlateauLowersTheRateWhenTheLossStalls() {
        // lr 0.2 overshoots w* = 2 more each step, so the loss never improves after the first epoch.
        Sequential model = Line.model(0.2);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau().monitor("loss").factor(0.5).patience(1).minLr(0.04);
        History h = model.fit(Line.X, Line.Y, Line.quiet(6, reduce));
        assertEquals(List.of(0.2, 0.2, 0.1, 0.05, 0.04, 0.04), h.metric("learning_rate"));
        assertEquals(0.04, model.optimizer().learningRate());
    }
}
