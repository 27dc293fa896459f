package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Parallel;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused recurrent op against a plain per-step reference written from the cell equations
 * (values), and against finite differences (gradients), for every cell with masks, reversed
 * order, sequences, states and dropout.
 */
class RecurrentOpTest {
    private static final double VALUE_TOLERANCE = 1e-13;
    private static final int BATCH = 3;
    private static final int STEPS = 4;
    private static final int FEATURES = 2;
    private static final int UNITS = 3;
    /** Rows 0 and 2 are padded: at the end, and in the middle (a mask need not be a suffix). */
    private static final double[] MASK = {1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0};

    /** The settings one case varies. */
    record Options(boolean backwards, boolean sequences, boolean zeroMasked, boolean masked, boolean states,
                   boolean initial, boolean dropout, boolean bias) {
        @Override
        public String toString() {
            return (backwards ? "backwards " : "") + (sequences ? "sequences " : "") + (zeroMasked ? "zero-masked " : "")
                    + (masked ? "masked " : "") + (states ? "states " : "") + (initial ? "initial " : "")
                    + (dropout ? "dropout " : "") + (bias ? "bias" : "no bias");
        }
    }

    static Stream<Arguments> cases() {
        List<Options> options = List.of(
                new Options(false, false, false, false, false, false, false, true),
                new Options(false, true, false, true, true, true, false, true),
                new Options(true, true, false, true, false, false, false, true),
                new Options(true, false, true, true, true, false, false, false),
                new Options(false, true, true, true, false, true, true, true),
                new Options(true, true, false, false, true, true, true, true));
        List<Arguments> all = new ArrayList<>();
        for (RecurrentOp.Cell cell : RecurrentOp.Cell.values()) {
            for (Options o : options) {
                all.add(Arguments.of(cell, o));
            }
        }
        return all.stream();
    }

    /** The inputs of one case: x, kernel, recurrent kernel, bias (or null), initial states (or none). */
    private static List<Tensor> inputs(RecurrentOp.Cell cell, Options o) {
        int width = cell.gates() * UNITS;
        List<Tensor> in = new ArrayList<>();
        in.add(Tensor.randn(1, BATCH, STEPS, FEATURES).requiresGrad(true));
        in.add(Tensor.randn(2, FEATURES, width).mul(0.6).requiresGrad(true));
        in.add(Tensor.randn(3, UNITS, width).mul(0.6).requiresGrad(true));
        if (o.bias()) {
            int[] shape = cell == RecurrentOp.Cell.GRU ? new int[] {2, width} : new int[] {width};
            in.add(Tensor.randn(4, shape).mul(0.3).requiresGrad(true));
        }
        if (o.initial()) {
            for (int k = 0; k < cell.states(); k++) {
                in.add(Tensor.randn(5 + k, BATCH, UNITS).mul(0.5).requiresGrad(true));
            }
        }
        return in;
    }

    private static RecurrentOp.Call call(RecurrentOp.Cell cell, Options o) {
        RecurrentOp.Call call = new RecurrentOp.Call(cell).goBackwards(o.backwards()).returnSequences(o.sequences())
                .zeroOutputForMask(o.zeroMasked()).withStates(o.states());
        if (o.masked()) {
            call.mask(Tensor.of(MASK, BATCH, STEPS));
        }
        if (o.dropout()) {
            call.dropout(dropoutMask(11, cell.gates(), FEATURES), dropoutMask(12, cell.gates(), UNITS));
        }
        return call;
    }

    /** Keras's masks: 0 or 1 / (1 - rate), rate 0.25 here. */
    private static Tensor dropoutMask(long seed, int gates, int size) {
        double[] m = Tensor.rand(seed, gates, BATCH, size).toArray();
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] < 0.25 ? 0.0 : 1.0 / 0.75;
        }
        return Tensor.of(m, gates, BATCH, size);
    }

    private static List<Tensor> run(RecurrentOp.Cell cell, Options o, Tensor[] in) {
        Tensor bias = o.bias() ? in[3] : null;
        int first = o.bias() ? 4 : 3;
        List<Tensor> states = new ArrayList<>();
        for (int k = first; k < in.length; k++) {
            states.add(in[k]);
        }
        return RecurrentOp.apply(call(cell, o), in[0], in[1], in[2], bias, states);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void valuesMatchThePerStepReference(RecurrentOp.Cell cell, Options o) {
        Tensor[] in = inputs(cell, o).toArray(Tensor[]::new);
        List<Tensor> out = run(cell, o, in);
        Reference ref = new Reference(cell, o, in);
        assertArrayEquals(ref.output, out.get(0).toArray(), VALUE_TOLERANCE);
        assertEquals(o.states() ? 1 + cell.states() : 1, out.size());
        for (int k = 1; k < out.size(); k++) {
            assertArrayEquals(ref.states[k - 1], out.get(k).toArray(), VALUE_TOLERANCE, "state " + (k - 1));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(RecurrentOp.Cell cell, Options o) {
        Tensor[] in = inputs(cell, o).toArray(Tensor[]::new);
        Tensor[] mixes = new Tensor[1 + cell.states()];
        List<Tensor> probe = run(cell, o, in);
        for (int k = 0; k < probe.size(); k++) {
            mixes[k] = Tensor.randn(20 + k, probe.get(k).shape());
        }
        GradCheck.Result r = GradCheck.check(t -> {
            List<Tensor> out = run(cell, o, t);
            Tensor loss = out.get(0).mul(mixes[0]).sum();
            for (int k = 1; k < out.size(); k++) {
                loss = loss.add(out.get(k).mul(mixes[k]).sum());
            }
            return loss;
        }, in);
        assertTrue(r.passed(GradAssert.TOLERANCE), r.toString());
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        int before = Parallel.threads();
        try {
            List<double[]> results = new ArrayList<>();
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                Tensor x = Tensor.randn(1, 40, 30, 16).requiresGrad(true);
                Tensor kernel = Tensor.randn(2, 16, 128).mul(0.2).requiresGrad(true);
                Tensor recurrent = Tensor.randn(3, 32, 128).mul(0.2).requiresGrad(true);
                Tensor y = RecurrentOp.apply(new RecurrentOp.Call(RecurrentOp.Cell.LSTM).returnSequences(true), x, kernel,
                        recurrent, null, List.of()).get(0);
                y.mul(Tensor.randn(4, y.shape())).sum().backward();
                results.add(concat(y.toArray(), x.grad().toArray(), kernel.grad().toArray(), recurrent.grad().toArray()));
            }
            assertArrayEquals(results.get(0), results.get(1), 0.0);
            assertArrayEquals(results.get(0), results.get(2), 0.0);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void inferenceRecordsNothing() {
        Tensor x = Tensor.randn(1, 2, 3, 2);
        Tensor y = RecurrentOp.apply(new RecurrentOp.Call(RecurrentOp.Cell.GRU), x, Tensor.randn(2, 2, 9),
                Tensor.randn(3, 3, 9), null, List.of()).get(0);
        assertNull(Storage.creator(y));
    }

    @Test
    void badShapesAndActivationsAreNamed() {
        RecurrentOp.Call lstm = new RecurrentOp.Call(RecurrentOp.Cell.LSTM);
        Tensor x = Tensor.zeros(2, 3, 4);
        ShapeException wrongRank = assertThrows(ShapeException.class,
                () -> RecurrentOp.apply(lstm, Tensor.zeros(2, 4), Tensor.zeros(4, 8), Tensor.zeros(2, 8), null, List.of()));
        assertTrue(wrongRank.getMessage().contains("(2, 4)"), wrongRank.getMessage());
        assertThrows(ShapeException.class,
                () -> RecurrentOp.apply(lstm, x, Tensor.zeros(4, 8), Tensor.zeros(3, 8), null, List.of()));
        assertThrows(ShapeException.class,
                () -> RecurrentOp.apply(lstm, x, Tensor.zeros(4, 8), Tensor.zeros(2, 8), Tensor.zeros(4), List.of()));
        assertThrows(ShapeException.class, () -> RecurrentOp.apply(new RecurrentOp.Call(RecurrentOp.Cell.LSTM)
                .mask(Tensor.ones(2, 4)), x, Tensor.zeros(4, 8), Tensor.zeros(2, 8), null, List.of()));
        IllegalArgumentException gelu = assertThrows(IllegalArgumentException.class, () -> lstm.activations("gelu", "sigmoid"));
        assertTrue(gelu.getMessage().contains("gelu") && gelu.getMessage().contains("hard_sigmoid"), gelu.getMessage());
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The cells written out per step, element by element, with {@code Math.tanh} and {@code Math.exp}. */
    private static final class Reference {
        final double[] output;
        final double[][] states;

        Reference(RecurrentOp.Cell cell, Options o, Tensor[] in) {
            double[] x = in[0].toArray();
            double[] k = in[1].toArray();
            double[] r = in[2].toArray();
            int width = cell.gates() * UNITS;
            double[] bias = o.bias() ? in[3].toArray() : new double[cell == RecurrentOp.Cell.GRU ? 2 * width : width];
            int first = o.bias() ? 4 : 3;
            double[] inDrop = o.dropout() ? dropoutMask(11, cell.gates(), FEATURES).toArray() : null;
            double[] recDrop = o.dropout() ? dropoutMask(12, cell.gates(), UNITS).toArray() : null;
            states = new double[cell.states()][BATCH * UNITS];
            if (o.initial()) {
                for (int s = 0; s < cell.states(); s++) {
                    states[s] = in[first + s].toArray();
                }
            }
            output = new double[BATCH * (o.sequences() ? STEPS : 1) * UNITS];
            for (int b = 0; b < BATCH; b++) {
                double[] h = slice(states[0], b);
                double[] c = cell.states() > 1 ? slice(states[1], b) : null;
                double[] out = new double[UNITS];
                for (int s = 0; s < STEPS; s++) {
                    int t = o.backwards() ? STEPS - 1 - s : s;
                    boolean real = !o.masked() || MASK[b * STEPS + t] != 0;
                    if (real) {
                        double[] xt = new double[FEATURES];
                        System.arraycopy(x, (b * STEPS + t) * FEATURES, xt, 0, FEATURES);
                        double[][] next = cell(cell, xt, h, c, k, r, bias, inDrop, recDrop, b);
                        h = next[0];
                        c = next.length > 1 ? next[1] : null;
                    }
                    out = o.zeroMasked() && !real ? new double[UNITS] : h.clone();
                    if (o.sequences()) {
                        System.arraycopy(out, 0, output, (b * STEPS + s) * UNITS, UNITS);
                    }
                }
                if (!o.sequences()) {
                    System.arraycopy(out, 0, output, b * UNITS, UNITS);
                }
                System.arraycopy(h, 0, states[0], b * UNITS, UNITS);
                if (c != null) {
                    System.arraycopy(c, 0, states[1], b * UNITS, UNITS);
                }
            }
        }

        private static double[] slice(double[] rows, int b) {
            double[] row = new double[UNITS];
            System.arraycopy(rows, b * UNITS, row, 0, UNITS);
            return row;
        }

        /** One step of one row: Σ_i in[i]·mask_g[i]·w[i][g·units + j] for each gate g. */
        private static double[] project(double[] in, double[] w, int width, double[] masks, int gates, int b, int gate) {
            double[] z = new double[UNITS];
            int block = masks == null ? 0 : masks.length / (BATCH * in.length) == gates ? gate : 0;
            for (int j = 0; j < UNITS; j++) {
                for (int i = 0; i < in.length; i++) {
                    double m = masks == null ? 1 : masks[(block * BATCH + b) * in.length + i];
                    z[j] += in[i] * m * w[i * width + gate * UNITS + j];
                }
            }
            return z;
        }

        private static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }

        private static double[][] cell(RecurrentOp.Cell cell, double[] x, double[] h, double[] c, double[] k, double[] r,
                                       double[] bias, double[] inDrop, double[] recDrop, int b) {
            int gates = cell.gates();
            int width = gates * UNITS;
            double[][] xg = new double[gates][];
            double[][] hg = new double[gates][];
            for (int g = 0; g < gates; g++) {
                xg[g] = project(x, k, width, inDrop, gates, b, g);
                hg[g] = project(h, r, width, recDrop, gates, b, g);
            }
            double[] next = new double[UNITS];
            switch (cell) {
                case SIMPLE_RNN -> {
                    for (int j = 0; j < UNITS; j++) {
                        next[j] = Math.tanh(xg[0][j] + bias[j] + hg[0][j]);
                    }
                    return new double[][] {next};
                }
                case LSTM -> {
                    double[] cNext = new double[UNITS];
                    for (int j = 0; j < UNITS; j++) {
                        double i = sigmoid(xg[0][j] + bias[j] + hg[0][j]);
                        double f = sigmoid(xg[1][j] + bias[UNITS + j] + hg[1][j]);
                        double g = Math.tanh(xg[2][j] + bias[2 * UNITS + j] + hg[2][j]);
                        double o = sigmoid(xg[3][j] + bias[3 * UNITS + j] + hg[3][j]);
                        cNext[j] = f * c[j] + i * g;
                        next[j] = o * Math.tanh(cNext[j]);
                    }
                    return new double[][] {next, cNext};
                }
                case GRU -> {
                    for (int j = 0; j < UNITS; j++) {
                        double z = sigmoid(xg[0][j] + bias[j] + hg[0][j] + bias[width + j]);
                        double rr = sigmoid(xg[1][j] + bias[UNITS + j] + hg[1][j] + bias[width + UNITS + j]);
                        double hh = Math.tanh(xg[2][j] + bias[2 * UNITS + j] + rr * (hg[2][j] + bias[width + 2 * UNITS + j]));
                        next[j] = z * h[j] + (1 - z) * hh;
                    }
                    return new double[][] {next};
                }
                default -> {
                    double[] rh = new double[UNITS];
                    double[] z = new double[UNITS];
                    for (int j = 0; j < UNITS; j++) {
                        z[j] = sigmoid(xg[0][j] + bias[j] + hg[0][j]);
                        double rr = sigmoid(xg[1][j] + bias[UNITS + j] + hg[1][j]);
                        double m = recDrop == null ? 1 : recDrop[(2 * BATCH + b) * UNITS + j];
                        rh[j] = rr * h[j] * m;
                    }
                    double[] hr = project(rh, r, width, null, gates, b, 2);
                    for (int j = 0; j < UNITS; j++) {
                        double hh = Math.tanh(xg[2][j] + bias[2 * UNITS + j] + hr[j]);
                        next[j] = z[j] * h[j] + (1 - z[j]) * hh;
                    }
                    return new double[][] {next};
                }
            }
        }
    }
}
