package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every optimizer promises beyond its formula: its config rebuilds it, and its state
 * ({@link Optimizer#iterations()}, {@link Optimizer#variables()}) is complete, so that a run saved
 * and resumed equals an uninterrupted one bit for bit.
 */
final class OptimizerContract {
    private static final int[][] SHAPES = {{2, 3}, {4}};
    private static final int STEPS = 7;
    private static final int SAVED_AFTER = 3;

    private OptimizerContract() {
    }

    /**
     * The config reads back into an optimizer of the same class with the same config and slots,
     * through the class's {@code fromConfig} and through {@link Optimizers#fromConfig}, and reading
     * it consumes every setting.
     *
     * @param optimizer an optimizer with settings of interest
     * @param fromConfig its class's {@code fromConfig}
     */
    static void configRoundTrips(Optimizer optimizer, Function<Config, ? extends Optimizer> fromConfig) {
        Config config = optimizer.getConfig();
        Optimizer copy = fromConfig.apply(config);
        assertEquals(List.of(), config.unread(), "settings that fromConfig did not read");
        assertEquals(optimizer.getClass(), copy.getClass());
        assertEquals(optimizer.getConfig(), copy.getConfig());
        assertEquals(optimizer.slotNames(), copy.slotNames());
        Optimizer viaRegistry = Optimizers.fromConfig(Optimizers.nameOf(optimizer), optimizer.getConfig());
        assertEquals(optimizer.getConfig(), viaRegistry.getConfig());
    }

    /**
     * Runs {@value #STEPS} steps without a stop, and again stopping after {@value #SAVED_AFTER} to
     * rebuild the optimizer from its class name, config, iteration count and variables; both runs
     * must end with the same bits in the weights and the slots.
     *
     * @param make a fresh optimizer, the same each time
     */
    static void resumesExactly(Supplier<Optimizer> make) {
        Optimizer uninterrupted = make.get();
        List<Tensor> a = weights();
        for (int step = 0; step < STEPS; step++) {
            uninterrupted.apply(a, gradients(step));
        }

        Optimizer first = make.get();
        List<Tensor> b = weights();
        for (int step = 0; step < SAVED_AFTER; step++) {
            first.apply(b, gradients(step));
        }
        Optimizer resumed = Optimizers.fromConfig(Optimizers.nameOf(first), first.getConfig());
        List<Tensor> c = new ArrayList<>();
        for (Tensor w : b) {
            c.add(Tensor.of(w.toArray(), w.shape()));
        }
        resumed.build(c);
        resumed.setVariables(first.variables());
        resumed.iterations(first.iterations());
        for (int step = SAVED_AFTER; step < STEPS; step++) {
            resumed.apply(c, gradients(step));
        }

        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toArray(), c.get(i).toArray(), 0.0, uninterrupted + ": weight " + i);
        }
        List<Tensor> slotsA = uninterrupted.variables();
        List<Tensor> slotsC = resumed.variables();
        assertEquals(slotsA.size(), slotsC.size());
        for (int i = 0; i < slotsA.size(); i++) {
            assertArrayEquals(slotsA.get(i).toArray(), slotsC.get(i).toArray(), 0.0, uninterrupted + ": slot " + i);
        }
    }

    private static List<Tensor> weights() {
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            weights.add(Tensor.randn(10 + i, SHAPES[i]));
        }
        return weights;
    }

    /** Gradients that differ from step to step, some large enough for clipping to act. */
    private static List<Tensor> gradients(int step) {
        List<Tensor> gradients = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            gradients.add(Tensor.randn(100 + 10L * step + i, SHAPES[i]).mul(step % 2 == 0 ? 0.2 : 3.0));
        }
        return gradients;
    }
}
