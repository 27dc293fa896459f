package ai.lepton.autograd;

import ai.lepton.kernels.GateActivation;
import ai.lepton.kernels.RecurrentPass;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent layer's whole run over a batch of sequences as one op, the forward pass and
 * backpropagation through time side by side ({@link RecurrentPass} holds the loops): SimpleRNN,
 * LSTM or GRU, with Keras's weight layouts and gate orders (LSTM i, f, c, o; GRU z, r, h). The op
 * keeps the gate values and the states entering every step, which is what backward needs.
 *
 * <p>Shapes: x {@code (batch, steps, features)}; kernel {@code (features, gates·units)};
 * recurrent kernel {@code (units, gates·units)}; bias {@code (gates·units)}, or {@code (2,
 * 3·units)} for a GRU with {@code reset_after}; initial states {@code (batch, units)} each; the
 * output {@code (batch, steps, units)} with {@code returnSequences}, else {@code (batch, units)};
 * with {@code withStates}, the final states follow the output in the returned list.
 *
 * <pre>{@code
 * RecurrentOp.Call lstm = new RecurrentOp.Call(RecurrentOp.Cell.LSTM).returnSequences(true);
 * Tensor sequences = Tensor.randn(0, 32, 50, 16);
 * Tensor kernels = Tensor.randn(1, 16, 256).mul(0.1);
 * Tensor recurrent = Tensor.randn(2, 64, 256).mul(0.1);
 * Tensor y = RecurrentOp.apply(lstm, sequences, kernels, recurrent, Tensor.zeros(256), List.of()).get(0);   // (32, 50, 64)
 * }</pre>
 */
public final class RecurrentOp extends Op {
    private static final String NAME = "recurrent";

    /** The cells, by the Keras layer that uses them. */
    public enum Cell {
        /** {@code SimpleRNN}. */
        SIMPLE_RNN(RecurrentPass.Cell.SIMPLE_RNN),
        /** {@code LSTM}. */
        LSTM(RecurrentPass.Cell.LSTM),
        /** {@code GRU}, Keras's default {@code reset_after=True}. */
        GRU(RecurrentPass.Cell.GRU),
        /** {@code GRU(reset_after=False)}. */
        GRU_RESET_BEFORE(RecurrentPass.Cell.GRU_RESET_BEFORE);

        private final RecurrentPass.Cell kernel;

        Cell(RecurrentPass.Cell kernel) {
            this.kernel = kernel;
        }

        /** @return the number of gates, the kernels' column blocks of {@code units} */
        public int gates() {
            return kernel.gates();
        }

        /** @return the number of states (LSTM: h and c) */
        public int states() {
            return kernel.states();
        }
    }

    /** The names of the activations a recurrent cell can apply. */
    public static final List<String> ACTIVATIONS = GateActivation.NAMES;

    /** One call's settings. */
    public static final class Call {
        private final Cell cell;
        private GateActivation activation = GateActivation.TANH;
        private GateActivation recurrentActivation = GateActivation.SIGMOID;
        private boolean goBackwards;
        private boolean returnSequences;
        private boolean zeroOutputForMask;
        private boolean withStates;
        private Tensor mask;
        private Tensor inputDropout;
        private Tensor recurrentDropout;

        /** @param cell the cell */
        public Call(Cell cell) {
            this.cell = cell;
        }

        /**
         * @param candidate the activation of the candidate state (default tanh)
         * @param gate the gates' activation (default sigmoid; SimpleRNN has none)
         * @return this call
         * @throws IllegalArgumentException for an activation a cell cannot apply, listing those it can
         */
        public Call activations(String candidate, String gate) {
            activation = activation(candidate);
            recurrentActivation = activation(gate);
            return this;
        }

        private static GateActivation activation(String name) {
            GateActivation a = GateActivation.of(name);
            if (a == null) {
                throw new IllegalArgumentException("a recurrent cell cannot use the activation '" + name
                        + "'. Expected one of: " + ACTIVATIONS);
            }
            return a;
        }

        /**
         * @param on whether to take the steps in reverse time order (the output sequence is then reversed too)
         * @return this call
         */
        public Call goBackwards(boolean on) {
            goBackwards = on;
            return this;
        }

        /**
         * @param on whether to output every step, not only the last
         * @return this call
         */
        public Call returnSequences(boolean on) {
            returnSequences = on;
            return this;
        }

        /**
         * @param on whether masked steps output zeros rather than the previous output
         * @return this call
         */
        public Call zeroOutputForMask(boolean on) {
            zeroOutputForMask = on;
            return this;
        }

        /**
         * @param on whether to return the final states after the output
         * @return this call
         */
        public Call withStates(boolean on) {
            withStates = on;
            return this;
        }

        /**
         * @param stepMask {@code (batch, steps)} of 1 for a real step and 0 for padding, or {@code null}
         * @return this call
         */
        public Call mask(Tensor stepMask) {
            mask = stepMask;
            return this;
        }

        /**
         * @param input dropout masks of the input, {@code (1, batch, features)} shared by the gates or
         *        {@code (gates, batch, features)} one per gate, or {@code null}
         * @param recurrent dropout masks of the state, {@code (gates, batch, units)}, or {@code null}
         * @return this call
         */
        public Call dropout(Tensor input, Tensor recurrent) {
            inputDropout = input;
            recurrentDropout = recurrent;
            return this;
        }
    }

    private final RecurrentPass pass;
    private final boolean hasBias;
    private final int states;
    private final int outputWidth;
    private final int batch;
    private final int units;

    private RecurrentOp(RecurrentPass pass, boolean hasBias, int states, int outputWidth, int batch, int units) {
        this.pass = pass;
        this.hasBias = hasBias;
        this.states = states;
        this.outputWidth = outputWidth;
        this.batch = batch;
        this.units = units;
    }

    /**
     * @param call the cell and settings
     * @param x the sequences, {@code (batch, steps, features)}
     * @param kernel {@code (features, gates·units)}
     * @param recurrentKernel {@code (units, gates·units)}
     * @param bias the bias, or {@code null} for none
     * @param initialStates none (zeros) or one {@code (batch, units)} tensor per state
     * @return the output, then (with {@code withStates}) the final states
     * @throws ShapeException naming the shapes if they do not fit together
     */
    public static List<Tensor> apply(Call call, Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias,
                                     List<Tensor> initialStates) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        int[] rs = shape(recurrentKernel);
        int gates = call.cell.gates();
        if (xs.length != 3 || ks.length != 2 || rs.length != 2 || ks[0] != xs[2] || ks[1] % gates != 0) {
            throw ShapeException.of(NAME, xs, ks, "expected x (batch, steps, features) and kernel (features, "
                    + gates + "·units)");
        }
        int batch = xs[0];
        int steps = xs[1];
        int units = ks[1] / gates;
        if (rs[0] != units || rs[1] != ks[1]) {
            throw ShapeException.of(NAME, ks, rs, "the recurrent kernel must be (" + units + ", " + ks[1] + ")");
        }
        if (steps < 1) {
            throw ShapeException.of(NAME, xs, "a sequence needs at least one step");
        }
        int[] biasShape = call.cell == Cell.GRU ? new int[] {2, ks[1]} : new int[] {ks[1]};
        if (bias != null && !Shapes.equal(shape(bias), biasShape)) {
            throw ShapeException.of(NAME, shape(bias), biasShape, "the bias must have the second shape");
        }
        int stateCount = call.cell.states();
        if (!initialStates.isEmpty() && initialStates.size() != stateCount) {
            throw new IllegalArgumentException(NAME + ": the cell has " + stateCount + " states, received "
                    + initialStates.size() + " initial states");
        }
        double[][] initial = initialStates.isEmpty() ? null : new double[stateCount][];
        for (int k = 0; k < initialStates.size(); k++) {
            check(initialStates.get(k), new int[] {batch, units}, "initial state " + k);
            initial[k] = data(initialStates.get(k));
        }
        RecurrentPass.Spec spec = new RecurrentPass.Spec(batch, steps, xs[2], units)
                .activations(call.activation, call.recurrentActivation)
                .order(call.goBackwards, call.returnSequences, call.zeroOutputForMask);
        if (call.mask != null) {
            check(call.mask, new int[] {batch, steps}, "the mask");
            spec.mask(data(call.mask));
        }
        if (call.inputDropout != null) {
            int blocks = shape(call.inputDropout)[0];
            if (blocks != 1 && blocks != gates) {
                throw ShapeException.of(NAME, shape(call.inputDropout), "expected 1 or " + gates + " input dropout masks");
            }
            check(call.inputDropout, new int[] {blocks, batch, xs[2]}, "the input dropout masks");
        }
        if (call.recurrentDropout != null) {
            check(call.recurrentDropout, new int[] {gates, batch, units}, "the recurrent dropout masks");
        }
        spec.dropout(call.inputDropout == null ? null : data(call.inputDropout),
                call.recurrentDropout == null ? null : data(call.recurrentDropout));
        RecurrentPass pass = RecurrentPass.forward(call.cell.kernel, spec, Op::newArray, data(x), data(kernel),
                data(recurrentKernel), bias == null ? null : data(bias), initial);
        int outputWidth = call.returnSequences ? steps * units : units;
        List<Tensor> from = new ArrayList<>(List.of(x, kernel, recurrentKernel));
        if (bias != null) {
            from.add(bias);
        }
        from.addAll(initialStates);
        RecurrentOp op = new RecurrentOp(pass, bias != null, initialStates.size(), outputWidth, batch, units);
        int[] outputShape = call.returnSequences ? new int[] {batch, steps, units} : new int[] {batch, units};
        if (!call.withStates) {
            return List.of(op.output(pass.output(), outputShape, from.toArray(Tensor[]::new)));
        }
        int packedWidth = outputWidth + stateCount * units;
        double[] packed = newArray(batch * packedWidth);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(pass.output(), b * outputWidth, packed, b * packedWidth, outputWidth);
            for (int k = 0; k < stateCount; k++) {
                System.arraycopy(pass.finalStates()[k], b * units, packed, b * packedWidth + outputWidth + k * units, units);
            }
        }
        Tensor all = op.output(packed, new int[] {batch, packedWidth}, from.toArray(Tensor[]::new));
        List<Tensor> outputs = new ArrayList<>();
        outputs.add(Narrow.apply(all, 1, 0, outputWidth).reshape(outputShape));
        for (int k = 0; k < stateCount; k++) {
            outputs.add(Narrow.apply(all, 1, outputWidth + k * units, units));
        }
        return outputs;
    }

    private static void check(Tensor t, int[] expected, String what) {
        if (!Shapes.equal(shape(t), expected)) {
            throw ShapeException.of(NAME, shape(t), expected, what + " must have the second shape");
        }
    }

    @Override
    protected double[][] backward(double[] g) {
        int packedWidth = g.length / batch;
        double[] dOutput = g;
        double[][] dFinal = null;
        if (packedWidth != outputWidth) {
            dOutput = newArray(batch * outputWidth);
            dFinal = new double[packedWidth / units - outputWidth / units][batch * units];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(g, b * packedWidth, dOutput, b * outputWidth, outputWidth);
                for (int k = 0; k < dFinal.length; k++) {
                    System.arraycopy(g, b * packedWidth + outputWidth + k * units, dFinal[k], b * units, units);
                }
            }
        }
        int first = hasBias ? 4 : 3;
        boolean wantStates = false;
        for (int k = 0; k < states; k++) {
            wantStates |= needsGrad(first + k);
        }
        RecurrentPass.Gradients grads = pass.backward(dOutput, dFinal, needsGrad(0), wantStates);
        double[][] out = new double[first + states][];
        out[0] = grads.input;
        out[1] = grads.kernel;
        out[2] = grads.recurrentKernel;
        if (hasBias) {
            out[3] = grads.bias;
        }
        for (int k = 0; k < states; k++) {
            out[first + k] = grads.initialStates == null ? null : grads.initialStates[k];
        }
        return out;
    }
}
