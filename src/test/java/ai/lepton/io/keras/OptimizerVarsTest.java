package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Nadam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.RMSprop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerVarsTest {
    private static final List<int[]> WEIGHTS = List.of(new int[] {2, 3}, new int[] {3});

    /** Slot values that say which slot of which weight they are: weight w, slot s holds w * 10 + s. */
    private static List<double[]> slots(Optimizer optimizer) {
        List<double[]> out = new ArrayList<>();
        for (int w = 0; w < WEIGHTS.size(); w++) {
            for (int s = 0; s < optimizer.slotNames().size(); s++) {
                double[] v = new double[ai.lepton.tensor.Shapes.size(WEIGHTS.get(w))];
                java.util.Arrays.fill(v, w * 10 + s);
                out.add(v);
            }
        }
        return out;
    }

    private static double first(Hdf5Group vars, int i) {
        return vars.dataset(String.valueOf(i)).value().doubles()[0];
    }

    @Test
    void adamWithAmsgradIsKerasOrder() {
        Adam adam = new Adam(0.5).amsgrad(true);
        adam.iterations(12);
        Hdf5Group.Builder root = Hdf5Group.builder();
        assertTrue(OptimizerVars.write(adam, WEIGHTS, slots(adam), root.group("vars")));
        Hdf5Group vars = root.build().group("vars");
        // iterations, learning rate, (m0, v0, m1, v1), then velocity_hat of each weight.
        double[] expected = {12, 0.5, 0, 1, 10, 11, 2, 12};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], first(vars, i), "variable " + i);
        }
        OptimizerVars.State state = OptimizerVars.read(vars, new Adam(0.5).amsgrad(true), WEIGHTS, "test", new ArrayList<>());
        assertEquals(12, state.iterations());
        List<double[]> original = slots(adam);
        for (int i = 0; i < original.size(); i++) {
            assertArrayEquals(original.get(i), state.slots().get(i));
        }
    }

    @Test
    void rmspropKeepsEachSlotKindInItsOwnBlock() {
        RMSprop rmsprop = new RMSprop(0.1).momentum(0.9).centered(true);
        Hdf5Group.Builder root = Hdf5Group.builder();
        OptimizerVars.write(rmsprop, WEIGHTS, slots(rmsprop), root.group("vars"));
        Hdf5Group vars = root.build().group("vars");
        List<String> names = rmsprop.slotNames();
        List<String> kerasOrder = List.of("velocity", "velocity", "momentum", "momentum", "average_gradient", "average_gradient");
        for (int i = 0; i < kerasOrder.size(); i++) {
            int weight = i % 2;
            assertEquals(weight * 10 + names.indexOf(kerasOrder.get(i)), first(vars, 2 + i), "variable " + (2 + i));
        }
    }

    @Test
    void unmappedLayoutsAndCountMismatchesAreSkippedWithANote() {
        List<String> notes = new ArrayList<>();
        Hdf5Group.Builder root = Hdf5Group.builder();
        Adam adam = new Adam(0.1);
        OptimizerVars.write(adam, WEIGHTS, null, root.group("vars"));
        Hdf5Group vars = root.build().group("vars");
        assertNull(OptimizerVars.read(vars, new Nadam(0.1), WEIGHTS, "test", notes));
        assertNull(OptimizerVars.read(vars, new Adam(0.1), List.of(new int[] {2, 3}), "test", notes));
        assertEquals(2, notes.size());
        assertTrue(notes.get(0).contains("Nadam"), notes.get(0));
        assertTrue(notes.get(1).contains("holds 6 variables"), notes.get(1));
    }
}
