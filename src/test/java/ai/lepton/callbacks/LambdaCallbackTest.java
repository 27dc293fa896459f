package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {
    @Test
    void everyGivenHookRunsInKerasOrder() {
        List<String> calls = new ArrayList<>();
        LambdaCallback hooks = new LambdaCallback()
                .onTrainBegin(logs -> calls.add("train"))
                .onEpochBegin((e, logs) -> calls.add("epoch " + e))
                .onBatchBegin((b, logs) -> calls.add("batch " + b))
                .onBatchEnd((b, logs) -> calls.add("batch end " + b + " " + logs.keySet()))
                .onEpochEnd((e, logs) -> calls.add("epoch end " + e + " " + logs.keySet()))
                .onTrainEnd(logs -> calls.add("train end"));
        Line.model(0.01).fit(Line.X, Line.Y, Line.quiet(2, hooks).validationData(Line.X, Line.Y));
        assertEquals(List.of("train", "epoch 0", "batch 0", "batch end 0 [loss]", "epoch end 0 [loss, val_loss]",
                "epoch 1", "batch 0", "batch end 0 [loss]", "epoch end 1 [loss, val_loss]", "train end"), calls);
    }

    @Test
    void hooksNotGivenDoNothing() {
        List<Integer> ends = new ArrayList<>();
        Line.model(0.01).fit(Line.X, Line.Y, Line.quiet(3, new LambdaCallback().onEpochEnd((e, logs) -> ends.add(e))));
        assertEquals(List.of(0, 1, 2), ends);
    }
}
