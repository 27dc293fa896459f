package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.kernels.Parallel;
import ai.lepton.optimizers.schedules.CosineDecay;
import ai.lepton.optimizers.schedules.PiecewiseConstantDecay;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the base class does for every algorithm: the learning rate or its schedule, the shared
 * options (clipping, weight decay, EMA) in Keras's order, and the bookkeeping of steps and slots.
 */
class OptimizerTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Optimizer.json");
    }

    /** Each case would come out different with the options in another order than Keras's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void sharedOptionsActInKerasOrder(Golden.OptimizerCase c) {
        Golden.replay(c, config -> Optimizers.fromConfig(c.className(), config));
    }

    @Test
    void theScheduleGivesTheRateAtTheStepCountBeforeTheStep() {
        PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(new long[] {1, 2}, new double[] {0.5, 0.25, 0.125});
        SGD sgd = new SGD(schedule);
        Tensor w = Tensor.zeros(1);
        double[] moves = new double[4];
        for (int step = 0; step < moves.length; step++) {
            assertEquals(schedule.at(step), sgd.learningRate(), "before step " + (step + 1));
            double before = w.item();
            sgd.apply(List.of(w), List.of(Tensor.ones(1)));
            moves[step] = before - w.item();
        }
        assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0.125}, moves, 0.0);
    }

    @Test
    void aScheduledRateCannotBeSetAsInKeras() {
        SGD sgd = new SGD(new CosineDecay(0.1, 100));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.learningRate(0.05));
        assertTrue(e.getMessage().startsWith("SGD: this optimizer was created with the learning-rate schedule CosineDecay"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> new SGD((CosineDecay) null));
    }

    @Test
    void aConstantRateIsSettableAndChecked() {
        Optimizer sgd = new SGD();
        sgd.learningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.learningRate(-1));
        assertEquals("SGD: the learning rate must be positive and finite. Received: learningRate=-1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sgd.learningRate(Double.NaN));
    }

    @Test
    void badSharedOptionsAreErrorsAtConstruction() {
        assertEquals("SGD: clipnorm must be positive and finite. Received: clipnorm=0.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipvalue(-1));
        assertThrows(IllegalArgumentException.class, () -> new SGD().globalClipnorm(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SGD().weightDecay(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD().emaMomentum(1.01));
        assertEquals("SGD: emaOverwriteFrequency must be at least 1. Received: emaOverwriteFrequency=0",
                assertThrows(IllegalArgumentException.class, () -> new SGD().emaOverwriteFrequency(0)).getMessage());
    }

    @Test
    void onlyOneKindOfClippingCanBeSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam().clipnorm(1).clipvalue(0.5));
        assertEquals("Adam: only one of clipnorm, clipvalue and globalClipnorm can be set. Received: clipvalue=0.5 after"
                + " clipnorm=1.0", e.getMessage());
        assertEquals(2.0, new Adam().clipnorm(1).clipnorm(2).getConfig().getDouble("clipnorm"));
    }

    @Test
    void emaChangesTheSlotsSoItIsSetBeforeTheFirstStep() {
        SGD sgd = new SGD();
        sgd.build(List.of(Tensor.zeros(2)));
        assertThrows(IllegalStateException.class, () -> sgd.useEma(true));
        assertEquals(List.of("average"), new SGD().useEma(true).slotNames());
    }

    @Test
    void theConfigHasKerasKeysInKerasOrderAndTheScheduleNested() {
        Config config = new Adam(new CosineDecay(0.0, 10).warmupTarget(0.1).warmupSteps(2)).weightDecay(0.01)
                .globalClipnorm(1.0).useEma(true).emaOverwriteFrequency(5).getConfig();
        assertEquals(List.of("learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema",
                "ema_momentum", "ema_overwrite_frequency", "beta_1", "beta_2", "epsilon", "amsgrad"), List.copyOf(config.keys()));
        Config schedule = config.getConfig("learning_rate");
        assertEquals("CosineDecay", schedule.getString("class_name"));
        assertEquals(0.1, schedule.getConfig("config").getDouble("warmup_target"));
        assertEquals(null, config.get("clipnorm"));
        assertEquals(1.0, config.getDouble("global_clipnorm"));
        assertEquals(5, config.getInt("ema_overwrite_frequency"));
    }

    @Test
    void kerasOnlySettingsAreAcceptedWhenOffAndRejectedWhenOn() {
        Config keras = Config.of("Adam").put("name", "adam").put("learning_rate", 0.01).put("loss_scale_factor", null)
                .put("gradient_accumulation_steps", null);
        assertEquals(0.01, Adam.fromConfig(keras).learningRate());
        assertEquals(List.of(), keras.unread());
        ConfigException e = assertThrows(ConfigException.class,
                () -> Adam.fromConfig(Config.of("Adam").put("gradient_accumulation_steps", 4)));
        assertEquals("Adam: setting 'gradient_accumulation_steps' is not supported by Lepton. Received: 4", e.getMessage());
    }

    @Test
    void weightsWithoutGradientAreLeftAloneButTheStepCountsAndTheirAverageFollows() {
        Tensor w = Tensor.of(new double[] {0.5, -1.5}, 2).requiresGrad(true);
        Optimizer adam = new Adam().useEma(true);
        adam.apply(List.of(w));
        assertArrayEquals(new double[] {0.5, -1.5}, w.toArray(), 0.0);
        assertEquals(1, adam.iterations());
        assertArrayEquals(new double[] {0.5, -1.5}, adam.variables().get(2).toArray(), 0.0, "the first average copies");
    }

    /** The gradients a weight holds and the same gradients passed in give the same step, clipping and all. */
    @Test
    void gradientsPassedInEqualGradientsHeld() {
        Supplier<Optimizer> make = () -> new RMSprop(0.01).momentum(0.5).globalClipnorm(0.5).weightDecay(0.1).useEma(true);
        Tensor a = Tensor.randn(1, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(1, 3, 4);
        Optimizer held = make.get();
        Optimizer passed = make.get();
        for (int step = 0; step < 3; step++) {
            Tensor g = Tensor.randn(20 + step, 3, 4);
            a.zeroGrad();
            Storage.accumulateGrad(a, g.toArray());
            held.apply(List.of(a));
            passed.apply(List.of(b), List.of(g));
        }
        assertArrayEquals(a.toArray(), b.toArray(), 0.0);
    }

    /** A weight large enough to be cut into parallel ranges comes out with the same bits on one thread or two. */
    @Test
    void theStepDoesNotDependOnTheThreadCount() {
        int threads = Parallel.threads();
        try {
            double[][] results = new double[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                Optimizer adam = new Adam(0.01).amsgrad(true).clipnorm(1.0).weightDecay(0.1).useEma(true).emaOverwriteFrequency(2);
                Tensor w = Tensor.randn(3, 200, 250);
                for (int step = 0; step < 4; step++) {
                    adam.apply(List.of(w), List.of(Tensor.randn(30 + step, 200, 250)));
                }
                results[t - 1] = w.toArray();
            }
            assertArrayEquals(results[0], results[1], 0.0);
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void finalizingCopiesTheAveragesIntoTheWeights() {
        Tensor w = Tensor.of(new double[] {1.0, 2.0}, 2);
        Optimizer sgd = new SGD(0.1).useEma(true).emaMomentum(0.5);
        sgd.finalizeVariableValues(List.of(w));
        assertArrayEquals(new double[] {1.0, 2.0}, w.toArray(), 0.0, "no average before the first step");
        sgd.apply(List.of(w), List.of(Tensor.ones(2)));
        sgd.apply(List.of(w), List.of(Tensor.ones(2)));
        double[] average = sgd.variables().get(0).toArray();
        sgd.finalizeVariableValues(List.of(w));
        assertArrayEquals(average, w.toArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> sgd.finalizeVariableValues(List.of(Tensor.zeros(2))));
    }

    @Test
    void slotsMustBeRestoredInTheirCountAndShapes() {
        Optimizer adam = new Adam();
        adam.build(List.of(Tensor.zeros(2, 3)));
        assertThrows(ai.lepton.tensor.ShapeException.class, () -> adam.setVariables(List.of(Tensor.zeros(2, 3))));
        assertThrows(ai.lepton.tensor.ShapeException.class, () -> adam.setVariables(List.of(Tensor.zeros(2, 3), Tensor.zeros(6))));
        assertThrows(IllegalArgumentException.class, () -> adam.iterations(-1));
    }

    @Test
    void describesItself() {
        assertEquals("sgd(learningRate=0.01, iterations=0)", new SGD().toString());
        assertTrue(new SGD(new CosineDecay(0.1, 5)).toString().startsWith("sgd(learningRate=CosineDecay{"));
    }
}
