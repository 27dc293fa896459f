package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 4, 1);
    private static final Tensor Y = Tensor.of(new double[] {2, 4, 6, 8}, 4, 1);

    /** A one-weight linear model {@code y = w x} starting at w = 1. */
    private static Sequential line(double lr) {
        Sequential model = new Sequential(new Dense(1).useBias(false).kernelInitializer("ones").inputShape(1));
        model.compile(new SGD(lr), "mse");
        return model;
    }

    private static FitOptions quiet(int epochs, Callback... callbacks) {
        return FitOptions.create().epochs(epochs).batchSize(4).shuffle(false).verbose(0).callbacks(callbacks);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresBestWeights() {
        // lr 0.2 overshoots w* = 2 more each step, so the loss is best after the first epoch.
        Sequential model = line(0.2);
        List<double[]> weightsAfterEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                weightsAfterEpoch.add(model.getWeights().get(0).toArray());
            }
        };
        EarlyStopping stop = new EarlyStopping().monitor("loss").patience(2).restoreBestWeights(true);
        History h = model.fit(X, Y, quiet(20, recorder, stop));
        assertEquals(3, h.loss().size());
        assertEquals(2, stop.stoppedEpoch());
        assertEquals(0, stop.bestEpoch());
        assertTrue(h.loss().get(1) > h.loss().get(0) && h.loss().get(2) > h.loss().get(0), h.loss().toString());
        assertArrayEquals(weightsAfterEpoch.get(0), model.getWeights().get(0).toArray(), 0.0);
    }

    @Test
    void earlyStoppingKeepsGoingWhileImproving() {
        EarlyStopping stop = new EarlyStopping().monitor("loss");
        History h = line(0.01).fit(X, Y, quiet(5, stop));
        assertEquals(5, h.loss().size());
        assertEquals(-1, stop.stoppedEpoch());
    }

    @Test
    void terminateOnNaNStopsAtTheFirstNonFiniteLossAndSaysWhere() {
        Sequential model = line(1e200);
        TerminateOnNaN guard = new TerminateOnNaN();
        History h = model.fit(X, Y, FitOptions.create().epochs(10).batchSize(1).shuffle(false).verbose(0).callbacks(guard));
        assertTrue(guard.terminated());
        assertEquals(1, h.loss().size());
        assertFalse(Double.isFinite(h.loss().get(0)));
        assertTrue(guard.message().matches("Epoch 1, batch [2-4]: invalid loss (NaN|Infinity), terminating training"),
                guard.message());
    }

    @Test
    void learningRateSchedulerSetsTheRateEachEpochAndLogsIt() {
        Sequential model = line(0.01);
        List<Double> seen = new ArrayList<>();
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> {
            seen.add(lr);
            return 0.1 / (epoch + 1);
        });
        History h = model.fit(X, Y, quiet(3, scheduler));
        assertEquals(List.of(0.01, 0.1, 0.05), seen);
        assertEquals(List.of(0.1, 0.05, 0.1 / 3), h.metric("learning_rate"));
        assertEquals(0.1 / 3, model.optimizer().learningRate());
    }

    @Test
    void reduceLrOnPlateauLowersTheRateWhenTheLossStalls() {
        // lr 0.2 overshoots w* = 2 more each step, so the loss never improves after the first epoch.
        Sequential model = line(0.2);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau().monitor("loss").factor(0.5).patience(1).minLr(0.04);
        History h = model.fit(X, Y, quiet(6, reduce));
        assertEquals(List.of(0.2, 0.2, 0.1, 0.05, 0.04, 0.04), h.metric("learning_rate"));
        assertEquals(0.04, model.optimizer().learningRate());
    }

    @Test
    void csvLoggerWritesHeaderAndOneRowPerEpoch(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        History h = line(0.01).fit(X, Y, quiet(2, new CSVLogger(file)).validationData(X, Y));
        List<Double> loss = h.loss();
        List<Double> val = h.metric("val_loss");
        assertEquals("epoch,loss,val_loss\n"
                + "0," + loss.get(0) + "," + val.get(0) + "\n"
                + "1," + loss.get(1) + "," + val.get(1) + "\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void csvLoggerAppendsWithoutRepeatingTheHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        Sequential model = line(0.01);
        model.fit(X, Y, quiet(1, new CSVLogger(file)));
        model.fit(X, Y, quiet(2, new CSVLogger(file, ",", true)).initialEpoch(1));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals("epoch,loss", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,") && lines.get(2).startsWith("1,"), lines.toString());
    }
}
