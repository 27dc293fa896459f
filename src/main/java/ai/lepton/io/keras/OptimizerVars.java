package ai.lepton.io.keras;

import ai.lepton.config.Config;
import ai.lepton.io.hdf5.Hdf5Dataset;
import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.io.hdf5.Hdf5Node;
import ai.lepton.io.hdf5.Hdf5Type;
import ai.lepton.io.hdf5.Hdf5Value;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;
import ai.lepton.tensor.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state in Keras 3's layout ({@code optimizer/vars/0}, {@code 1}, ... in a weights
 * file): the iteration count (int64), the learning rate (float32, absent with a schedule), then
 * the slots as Keras's {@code build} creates them. Slots made by one {@code add_optimizer_variables}
 * call are interleaved per weight (Adam's momentum and velocity: {@code m0, v0, m1, v1, ...});
 * separate calls follow one another (AMSGrad's {@code velocity_hat} after all of those). Lepton's
 * slots are the same values under Lepton's names, kept per weight in {@code slotNames()} order.
 *
 * <p>Optimizers whose layout is not in the table below (Nadam keeps an extra product variable)
 * have their state skipped with a note: they start from fresh slots, as Keras does when the
 * variable counts differ.
 */
final class OptimizerVars {
    /** Per optimizer, the groups of slots in Keras's order, each group interleaved per weight. */
    private static final Map<String, List<List<String>>> LAYOUT = Map.of(
            "Adam", List.of(List.of("m", "v"), List.of("velocity_hat")),
            "AdamW", List.of(List.of("m", "v"), List.of("velocity_hat")),
            "SGD", List.of(List.of("momentum")),
            "RMSprop", List.of(List.of("velocity"), List.of("momentum"), List.of("average_gradient")),
            "Adagrad", List.of(List.of("accumulator")),
            "Adamax", List.of(List.of("momentum", "norm")),
            "Adadelta", List.of(List.of("accumulated_grad", "accumulated_delta_var")),
            "Lion", List.of(List.of("momentum")),
            "Ftrl", List.of(List.of("accumulator", "linear")));
    /** Keras's base optimizer makes the moving averages of {@code use_ema} before the algorithm's slots. */
    private static final String AVERAGE = "average";

    private OptimizerVars() {
    }

    /**
     * The optimizer's state read from a file.
     *
     * @param iterations the steps taken
     * @param slots the slot values in Lepton's order: per weight, each slot in {@code slotNames()} order
     */
    record State(long iterations, List<double[]> slots) {
    }

    /**
     * @param vars the {@code optimizer/vars} group
     * @param optimizer the optimizer rebuilt from the compile settings
     * @param weights the shapes of the trainable weights, in the model's order
     * @param source the file, for messages
     * @param notes where a note is added when the state is skipped
     * @return the state, or {@code null} when it cannot be mapped
     */
    static State read(Hdf5Group vars, Optimizer optimizer, List<int[]> weights, String source, List<String> notes) {
        List<Slot> order = kerasOrder(optimizer, weights.size());
        if (order == null) {
            notes.add("the state of the " + Optimizers.nameOf(optimizer) + " optimizer in " + source + " is not restored (Lepton "
                    + "does not map its Keras layout); training goes on from fresh slots");
            return null;
        }
        int fixed = hasRateVariable(optimizer) ? 2 : 1;
        int expected = fixed + order.size();
        Map<String, Hdf5Node> children = vars.children();
        if (children.size() != expected) {
            notes.add("the optimizer state is not restored: " + vars.path() + " holds " + children.size() + " variables, but "
                    + Optimizers.nameOf(optimizer) + " with slots " + optimizer.slotNames() + " for " + weights.size()
                    + " weights needs " + expected + "; training goes on from fresh slots");
            return null;
        }
        double[][] values = new double[expected][];
        for (int i = 0; i < expected; i++) {
            int[] shape = i < fixed ? new int[0] : weights.get(order.get(i - fixed).weight());
            if (!(children.get(String.valueOf(i)) instanceof Hdf5Dataset d) || !d.value().type().isNumeric()
                    || !Shapes.equal(d.value().shape(), shape)) {
                notes.add("the optimizer state is not restored: " + vars.path() + "/" + i + " is not a numeric dataset of shape "
                        + Shapes.format(shape) + "; training goes on from fresh slots");
                return null;
            }
            values[i] = d.value().doubles();
        }
        double steps = values[0][0];
        if (steps < 0 || steps != Math.rint(steps) || steps > 0x1p53) {
            notes.add("the optimizer state is not restored: the iteration count " + steps + " is not a step count");
            return null;
        }
        List<String> slotNames = optimizer.slotNames();
        double[][] slots = new double[weights.size() * slotNames.size()][];
        for (int k = 0; k < order.size(); k++) {
            Slot s = order.get(k);
            slots[s.weight() * slotNames.size() + slotNames.indexOf(s.name())] = values[fixed + k];
        }
        return new State((long) steps, List.of(slots));
    }

    /**
     * Writes the optimizer's state in Keras's layout, or only its iteration count and learning
     * rate when its layout is not known (Keras then starts from fresh slots, with a warning).
     *
     * @param optimizer the optimizer
     * @param weights the shapes of the trainable weights, in the model's order
     * @param slots the slots in Lepton's order, or {@code null} before the first step (then the
     *        slots' initial values are written, as Keras's {@code build} makes them)
     * @param vars the {@code optimizer/vars} group
     * @return whether the slots were written
     */
    static boolean write(Optimizer optimizer, List<int[]> weights, List<double[]> slots, Hdf5Group.Builder vars) {
        vars.dataset("0", Hdf5Value.numbers(Hdf5Type.INT64, new int[0], new double[] {optimizer.iterations()}));
        int fixed = 1;
        if (hasRateVariable(optimizer)) {
            vars.dataset("1", Hdf5Value.float32(new int[0], new double[] {optimizer.learningRate()}));
            fixed = 2;
        }
        List<Slot> order = kerasOrder(optimizer, weights.size());
        if (order == null) {
            return false;
        }
        List<String> slotNames = optimizer.slotNames();
        for (int k = 0; k < order.size(); k++) {
            Slot s = order.get(k);
            int[] shape = weights.get(s.weight());
            double[] values = slots == null ? initial(optimizer, s.name(), Shapes.size(shape))
                    : slots.get(s.weight() * slotNames.size() + slotNames.indexOf(s.name()));
            vars.dataset(String.valueOf(fixed + k), Hdf5Value.float32(shape, values));
        }
        return true;
    }

    /** A slot before the first step: zeros, but Adagrad's accumulator starts at its initial value. */
    private static double[] initial(Optimizer optimizer, String slot, int size) {
        double[] values = new double[size];
        Config config = optimizer.getConfig();
        if (slot.equals("accumulator") && config.has("initial_accumulator_value")) {
            Arrays.fill(values, config.getDouble("initial_accumulator_value"));
        }
        return values;
    }

    /** Whether Keras keeps the learning rate as a variable: it does unless the rate is a schedule. */
    private static boolean hasRateVariable(Optimizer optimizer) {
        return !(optimizer.getConfig().get("learning_rate") instanceof Config);
    }

    /**
     * Keras's order of the optimizer's slot variables: the groups in turn, each group interleaved
     * per weight; {@code null} when the optimizer's layout is not known.
     */
    private static List<Slot> kerasOrder(Optimizer optimizer, int weights) {
        List<List<String>> table = LAYOUT.get(Optimizers.nameOf(optimizer));
        if (table == null) {
            return null;
        }
        List<String> have = optimizer.slotNames();
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of(AVERAGE));
        groups.addAll(table);
        List<Slot> order = new ArrayList<>();
        for (List<String> group : groups) {
            List<String> present = group.stream().filter(have::contains).toList();
            for (int w = 0; w < weights; w++) {
                for (String slot : present) {
                    order.add(new Slot(slot, w));
                }
            }
        }
        return order.size() == have.size() * weights ? order : null;
    }

    /** One slot variable: which slot of which weight. */
    private record Slot(String name, int weight) {
    }
}
