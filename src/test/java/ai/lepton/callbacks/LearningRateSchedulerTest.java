package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {
    @Test
    void learningRateSchedulerSetsTheRateEachEpochAndLogsIt() {
        Sequential model = Line.model(0.01);
        List<Double> seen = new ArrayList<>();
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> {
            seen.add(lr);
            return 0.1 / (epoch + 1);
        });
        History h = model.fit(Line.X, Line.Y, Line.quiet(3, scheduler));
        assertEquals(List.of(0.01, 0.1, 0.05), seen);
        assertEquals(List.of(0.1, 0.05, 0.1 / 3), h.metric("learning_rate"));
        assertEquals(0.1 / 3, model.optimizer().learningRate());
    }

    @Test
    void perStepTheScheduleSeesTheOptimizersStepCount() {
        Sequential model = Line.model(0.01);
        List<Long> steps = new ArrayList<>();
        LearningRateScheduler warmUp = new LearningRateScheduler((step, lr) -> {
            steps.add(step);
            return 0.01 * (step + 1);
        }).perStep(true);
        model.fit(Line.X, Line.Y, Line.quiet(2, warmUp).batchSize(2));
        assertEquals(List.of(0L, 1L, 2L, 3L), steps, "two epochs of two steps");
        assertEquals(0.04, model.optimizer().learningRate(), 1e-15);
    }
}
