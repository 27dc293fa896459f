package ai.lepton.kernels;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * One run of a recurrent layer over a batch of sequences, forward and then backward through time,
 * over plain arrays: what is common to {@link SimpleRnnPass}, {@link LstmPass} and
 * {@link GruPass}, which add their cell's arithmetic.
 *
 * <p>Shapes: input x {@code (batch, steps, features)}; kernel {@code (features, gates·units)};
 * recurrent kernel {@code (units, gates·units)}; states {@code (batch, units)}. The input
 * projection of the whole sequence is one GEMM, {@code z = x · kernel + bias}, into the gate
 * buffer {@code (batch, steps, gates·units)}; each step then adds its recurrent product, one GEMM
 * {@code (batch, units) · (units, gates·units)} (two for a GRU without {@code reset_after}), and
 * runs the cell's gate arithmetic in place, row by row. The states entering every step are kept,
 * {@code (batch, steps, units)} each, because backward needs them; backward runs the steps in
 * reverse, one GEMM per step for the gradient of the previous state, and finishes with one GEMM
 * each for the input, kernel and recurrent kernel gradients over the whole sequence.
 *
 * <p>As in Keras: steps are taken in reverse time order with {@code goBackwards}, and the output
 * sequence is then in processing order; where the mask is 0, a row keeps its previous states and
 * its output is the previous output (zeros with {@code zeroOutputForMask}); dropout masks
 * ({@code 0} or {@code 1 / (1 - rate)}) are fixed for the whole sequence, one for the input of all
 * gates or, with recurrent dropout, one per gate, and one per gate for the recurrent state.
 *
 * <p>Rows of the batch never interact, so the step loops run on fixed ranges of 16
 * rows in parallel, each range through all its steps without waiting for the others; the GEMMs
 * over the whole sequence use {@link Gemm}'s own threads. Every element is computed by one thread
 * in an order fixed by the sizes alone, so results do not depend on the thread count.
 */
public abstract class RecurrentPass {
    /**
     * The rows of the batch that one task runs through all the steps. Rows never interact, so row
     * ranges run on different threads without a barrier per step; the ranges are fixed by the
     * batch size alone, so results do not depend on the thread count.
     */
    static final int ROWS = 16;

    /** The cells, by the Keras layer that uses them. */
    public enum Cell {
        /** {@code SimpleRNN}: one gate, state h. */
        SIMPLE_RNN(1, 1),
        /** {@code LSTM}: gates i, f, c, o; states h and c. */
        LSTM(4, 2),
        /** {@code GRU(reset_after=True)}: gates z, r, h; state h; bias {@code (2, 3·units)}. */
        GRU(3, 1),
        /** {@code GRU(reset_after=False)}: gates z, r, h; state h; bias {@code (3·units)}. */
        GRU_RESET_BEFORE(3, 1);

        private final int gates;
        private final int states;

        Cell(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }

        /** @return the number of gates, the kernels' column blocks of {@code units} */
        public int gates() {
            return gates;
        }

        /** @return the number of states, each {@code (batch, units)} */
        public int states() {
            return states;
        }
    }

    /** The sizes and options of a pass. */
    public static final class Spec {
        final int batch;
        final int steps;
        final int features;
        final int units;
        GateActivation activation = GateActivation.TANH;
        GateActivation recurrentActivation = GateActivation.SIGMOID;
        boolean goBackwards;
        boolean returnSequences;
        boolean zeroOutputForMask;
        double[] mask;
        double[] inputDropout;
        double[] recurrentDropout;

        /**
         * @param batch the sequences in the batch
         * @param steps the time steps of each
         * @param features the input features of each step
         * @param units the size of the state
         */
        public Spec(int batch, int steps, int features, int units) {
            this.batch = batch;
            this.steps = steps;
            this.features = features;
            this.units = units;
        }

        /**
         * @param candidate the activation of the candidate state (and of the LSTM's output)
         * @param gate the activation of the gates (unused by SimpleRNN)
         * @return this spec
         */
        public Spec activations(GateActivation candidate, GateActivation gate) {
            this.activation = candidate;
            this.recurrentActivation = gate;
            return this;
        }

        /**
         * @param backwards whether to take the steps in reverse time order
         * @param sequences whether to output every step's output, not only the last
         * @param zeroMasked whether masked steps output zeros instead of the previous output
         * @return this spec
         */
        public Spec order(boolean backwards, boolean sequences, boolean zeroMasked) {
            this.goBackwards = backwards;
            this.returnSequences = sequences;
            this.zeroOutputForMask = zeroMasked;
            return this;
        }

        /**
         * @param stepMask {@code (batch, steps)}: 0 where a step is padding, or {@code null} (kept, not copied)
         * @return this spec
         */
        public Spec mask(double[] stepMask) {
            this.mask = stepMask;
            return this;
        }

        /**
         * @param input the input dropout masks, {@code (1 or gates, batch, features)}, or {@code null} (kept)
         * @param recurrent the recurrent dropout masks, {@code (gates, batch, units)}, or {@code null} (kept)
         * @return this spec
         */
        public Spec dropout(double[] input, double[] recurrent) {
            this.inputDropout = input;
            this.recurrentDropout = recurrent;
            return this;
        }
    }

    /** The gradients of a pass's inputs; an entry is {@code null} where it was not asked for. */
    public static final class Gradients {
        /** d/dx, {@code (batch, steps, features)}. */
        public double[] input;
        /** d/dkernel, {@code (features, gates·units)}. */
        public double[] kernel;
        /** d/drecurrent kernel, {@code (units, gates·units)}. */
        public double[] recurrentKernel;
        /** d/dbias, the bias's shape. */
        public double[] bias;
        /** d/dinitial state, one {@code (batch, units)} per state. */
        public double[][] initialStates;

        Gradients() {
        }
    }

    final int batch;
    final int steps;
    final int features;
    final int units;
    final int gates;
    /** Gates times units: the width of a gate row. */
    final int width;
    final Spec spec;
    /** Where the large arrays come from: they may hold old values, and every element is written before it is read. */
    final IntFunction<double[]> arrays;
    final double[] x;
    final double[] kernel;
    final double[] recurrentKernel;
    final double[] bias;
    /** The gate buffer, {@code (batch, steps, width)}: the input projection, then the cell's gate values. */
    final double[] z;
    /** Per state, {@code (batch, steps, units)}: the state entering the step at each time. */
    final double[][] entering;
    /** Per state, {@code (batch, units)}: the state after the last step. */
    final double[][] finals;
    /** The input masked by each dropout block, {@code (batch·steps, features)} each, or {@code null}. */
    private double[][] droppedInput;
    /** {@code (batch, units)}: one gate's dropout-masked state, or its gradient, each row range its own rows. */
    private final double[] maskedState;
    private double[] output;
    /**
     * The recurrent kernel R, {@code (units, width)}, packed for the steps' products h·R (forward)
     * and dc·Rᵀ (backward) over all its columns (a product of part of them, as the GRU's, reads R
     * itself), once per pass rather than at every step; {@code null} with recurrent dropout,
     * whose products take R a gate at a time.
     */
    private PackedMatrix packedKernel;
    private PackedMatrix packedTranspose;

    /**
     * @param spec the sizes and options
     * @param arrays gives arrays of a length, which may hold old values (e.g. a training step's recycled ones)
     * @param gates the number of gates of the cell
     * @param states the number of states of the cell
     * @param x the input (kept, not copied)
     * @param kernel the kernel (kept)
     * @param recurrentKernel the recurrent kernel (kept)
     * @param bias the bias, or {@code null} (kept)
     */
    RecurrentPass(Spec spec, IntFunction<double[]> arrays, int gates, int states, double[] x, double[] kernel,
                  double[] recurrentKernel, double[] bias) {
        this.spec = spec;
        this.arrays = arrays;
        this.batch = spec.batch;
        this.steps = spec.steps;
        this.features = spec.features;
        this.units = spec.units;
        this.gates = gates;
        this.width = gates * units;
        this.x = x;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
        this.z = arrays.apply(batch * steps * width);
        this.entering = new double[states][];
        this.finals = new double[states][];
        for (int k = 0; k < states; k++) {
            entering[k] = arrays.apply(batch * steps * units);
            finals[k] = new double[batch * units];
        }
        this.maskedState = spec.recurrentDropout == null ? null : new double[batch * units];
    }

    /**
     * Runs a cell over a batch of sequences.
     *
     * <pre>{@code
     * RecurrentPass.Spec spec = new RecurrentPass.Spec(32, 50, 64, 64);   // batch, steps, features, units
     * double[] sequences = new double[32 * 50 * 64];
     * double[] kernels = new double[64 * 256];
     * double[] recurrent = new double[64 * 256];
     * RecurrentPass pass = RecurrentPass.forward(RecurrentPass.Cell.LSTM, spec, double[]::new, sequences, kernels,
     *         recurrent, null, null);
     * double[] lastOutput = pass.output();                                  // (32, 64)
     * RecurrentPass.Gradients g = pass.backward(new double[32 * 64], null, true, false);
     * }</pre>
     *
     * @param cell the cell
     * @param spec the sizes and options (kept, with its masks)
     * @param arrays gives arrays of a length; they may hold old values
     * @param x the input, {@code (batch, steps, features)} (kept until backward, not modified)
     * @param kernel {@code (features, gates·units)} (kept, not modified)
     * @param recurrentKernel {@code (units, gates·units)} (kept, not modified)
     * @param bias the cell's bias, or {@code null} (kept, not modified)
     * @param initialStates one {@code (batch, units)} array per state (an entry may be {@code null}
     *        for zeros), or {@code null} for all zeros (not modified)
     * @return the pass, whose {@link #output()} and {@link #finalStates()} are ready
     */
    public static RecurrentPass forward(Cell cell, Spec spec, IntFunction<double[]> arrays, double[] x, double[] kernel,
                                        double[] recurrentKernel, double[] bias, double[][] initialStates) {
        RecurrentPass pass = switch (cell) {
            case SIMPLE_RNN -> new SimpleRnnPass(spec, arrays, x, kernel, recurrentKernel, bias);
            case LSTM -> new LstmPass(spec, arrays, x, kernel, recurrentKernel, bias);
            case GRU -> new GruPass(spec, arrays, true, x, kernel, recurrentKernel, bias);
            case GRU_RESET_BEFORE -> new GruPass(spec, arrays, false, x, kernel, recurrentKernel, bias);
        };
        return pass.run(initialStates);
    }

    /** Runs the forward pass (see {@link #forward}). */
    final RecurrentPass run(double[][] initialStates) {
        project();
        if (spec.recurrentDropout == null) {
            packedKernel = Gemm.pack(false, units, width, recurrentKernel, 0, width);
        }
        int first = time(0);
        Parallel.forRange(batch, ROWS, (from, to) -> {
            for (int k = 0; k < entering.length; k++) {
                for (int b = from; b < to; b++) {
                    int at = (b * steps + first) * units;
                    if (initialStates == null || initialStates[k] == null) {
                        Arrays.fill(entering[k], at, at + units, 0.0);
                    } else {
                        System.arraycopy(initialStates[k], b * units, entering[k], at, units);
                    }
                }
            }
            for (int s = 0; s < steps; s++) {
                boolean last = s == steps - 1;
                double[][] next = last ? finals : entering;
                step(time(s), from, to, next, last ? 0 : time(s + 1) * units, last ? units : steps * units);
            }
        });
        output = assembleOutput();
        return this;
    }

    /** @return the output, {@code (batch, steps, units)} in processing order or {@code (batch, units)} */
    public final double[] output() {
        return output;
    }

    /** @return the states after the last step, one {@code (batch, units)} array per state */
    public final double[][] finalStates() {
        return finals;
    }

    /**
     * The time index of processing step s.
     *
     * @param s a processing step
     * @return its time index
     */
    final int time(int s) {
        return spec.goBackwards ? steps - 1 - s : s;
    }

    /**
     * @param b a row
     * @param t a time
     * @return whether the step is real (not masked)
     */
    final boolean active(int b, int t) {
        return spec.mask == null || spec.mask[b * steps + t] != 0;
    }

    /**
     * Runs the step at time t for rows {@code from..to-1}: adds the recurrent product to their gate
     * rows at t, applies the cell, and writes the states after the step to {@code next} (for masked
     * rows, the states entering it). Rows are independent: different row ranges may run at once.
     *
     * @param t the time index
     * @param from the first row
     * @param to the row after the last
     * @param next one array per state to write to
     * @param nextOff the offset of row 0 in them
     * @param nextLd the distance between rows in them
     */
    abstract void step(int t, int from, int to, double[][] next, int nextOff, int nextLd);

    /**
     * Runs the step at time t backward for rows {@code from..to-1}: their rows of {@code dStates}
     * hold the gradients of the states after the step and become those of the states entering it;
     * the cell's gate gradients at t are written for those rows.
     *
     * @param t the time index
     * @param from the first row
     * @param to the row after the last
     * @param dStates one {@code (batch, units)} array per state (modified)
     */
    abstract void stepBackward(int t, int from, int to, double[][] dStates);

    /** @return the gradients of the input projection, {@code (batch, steps, width)}, after backward */
    abstract double[] inputGateGradients();

    /** @return the index in the bias of the input projection's bias (0) */
    int inputBiasOffset() {
        return 0;
    }

    /**
     * Writes the gradient of the recurrent kernel and, where the cell has one, of its recurrent
     * bias, after the steps ran backward.
     *
     * @param dRecurrent {@code (units, width)} (overwritten)
     * @param dBias the bias gradient (the recurrent part written, if any), or {@code null} without a bias
     */
    abstract void recurrentGradients(double[] dRecurrent, double[] dBias);

    // ---------------------------------------------------------------- shared pieces

    /** z = (x ⊙ input dropout) · kernel + input bias, one GEMM per dropout block (one without dropout). */
    private void project() {
        int rows = batch * steps;
        double[] inBias = bias == null ? null : Arrays.copyOfRange(bias, inputBiasOffset(), inputBiasOffset() + width);
        if (spec.inputDropout == null) {
            Gemm.gemm(false, false, rows, width, features, x, 0, features, kernel, 0, width, z, 0, width, inBias, false);
            return;
        }
        int blocks = spec.inputDropout.length / (batch * features);
        int cols = width / blocks;
        droppedInput = new double[blocks][];
        for (int g = 0; g < blocks; g++) {
            double[] xm = arrays.apply(rows * features);
            for (int b = 0; b < batch; b++) {
                int m = (g * batch + b) * features;
                for (int t = 0; t < steps; t++) {
                    int at = (b * steps + t) * features;
                    for (int i = 0; i < features; i++) {
                        xm[at + i] = x[at + i] * spec.inputDropout[m + i];
                    }
                }
            }
            droppedInput[g] = xm;
            Gemm.gemm(false, false, rows, cols, features, xm, 0, features, kernel, g * cols, width, z, g * cols, width, false);
        }
        if (inBias != null) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    z[r * width + j] += inBias[j];
                }
            }
        }
    }

    /**
     * c (+)= (h ⊙ recurrent dropout) · R[:, from .. from + cols), the recurrent product of the
     * gates in those columns (whole gates).
     *
     * @param rows the first row and the row after the last, {@code {from, to}}
     * @param h the states, rows of {@code units}
     * @param hOff row 0's offset
     * @param hLd the distance between rows
     * @param from the first column of R (a multiple of {@code units})
     * @param cols how many columns (a multiple of {@code units})
     * @param c the product's rows (modified)
     * @param cOff row 0's offset
     * @param cLd the distance between rows
     * @param accumulate whether to add to c
     */
    final void recurrentProduct(int[] rows, double[] h, int hOff, int hLd, int from, int cols, double[] c, int cOff,
                                int cLd, boolean accumulate) {
        int r0 = rows[0];
        int m = rows[1] - r0;
        if (spec.recurrentDropout == null) {
            if (cols == width) {
                Gemm.gemm(m, h, hOff + r0 * hLd, hLd, packedKernel, c, cOff + r0 * cLd, cLd, accumulate);
            } else {
                Gemm.gemm(false, false, m, cols, units, h, hOff + r0 * hLd, hLd, recurrentKernel, from, width,
                        c, cOff + r0 * cLd, cLd, accumulate);
            }
            return;
        }
        double[] hm = maskedState;
        for (int g = from / units; g < (from + cols) / units; g++) {
            for (int b = r0; b < rows[1]; b++) {
                int mask = (g * batch + b) * units;
                for (int j = 0; j < units; j++) {
                    hm[b * units + j] = h[hOff + b * hLd + j] * spec.recurrentDropout[mask + j];
                }
            }
            Gemm.gemm(false, false, m, units, units, hm, r0 * units, units, recurrentKernel, g * units, width,
                    c, cOff + r0 * cLd + g * units - from, cLd, accumulate);
        }
    }

    /**
     * dh += (dc · R[:, from .. from + cols)ᵀ) ⊙ recurrent dropout: the adjoint of {@link #recurrentProduct}.
     *
     * @param rows the first row and the row after the last, {@code {from, to}}
     * @param dc the product's gradient rows
     * @param dcOff row 0's offset
     * @param dcLd the distance between rows
     * @param from the first column of R
     * @param cols how many columns
     * @param dh the states' gradient, {@code (batch, units)} (modified)
     */
    final void recurrentAdjoint(int[] rows, double[] dc, int dcOff, int dcLd, int from, int cols, double[] dh) {
        int r0 = rows[0];
        int m = rows[1] - r0;
        if (spec.recurrentDropout == null) {
            if (cols == width) {
                Gemm.gemm(m, dc, dcOff + r0 * dcLd, dcLd, packedTranspose, dh, r0 * units, units, true);
            } else {
                Gemm.gemm(false, true, m, units, cols, dc, dcOff + r0 * dcLd, dcLd, recurrentKernel, from, width,
                        dh, r0 * units, units, true);
            }
            return;
        }
        double[] part = maskedState;
        for (int g = from / units; g < (from + cols) / units; g++) {
            Gemm.gemm(false, true, m, units, units, dc, dcOff + r0 * dcLd + g * units - from, dcLd, recurrentKernel, g * units,
                    width, part, r0 * units, units, false);
            for (int b = r0; b < rows[1]; b++) {
                int mask = (g * batch + b) * units;
                for (int j = 0; j < units; j++) {
                    dh[b * units + j] += part[b * units + j] * spec.recurrentDropout[mask + j];
                }
            }
        }
    }

    /**
     * dR[:, from .. from + cols) = (states ⊙ recurrent dropout)ᵀ · dc over every (row, time): the
     * recurrent kernel's gradient from the gradients of its products.
     *
     * @param states the states the products were taken of, {@code (batch, steps, units)}
     * @param dc the products' gradients, {@code (batch, steps, ·)} rows of {@code dcLd}
     * @param dcOff the offset of the first column
     * @param dcLd the distance between rows
     * @param from the first column of R
     * @param cols how many columns
     * @param dR the recurrent kernel's gradient, {@code (units, width)} (those columns overwritten)
     */
    final void recurrentKernelGradient(double[] states, double[] dc, int dcOff, int dcLd, int from, int cols, double[] dR) {
        int rows = batch * steps;
        if (spec.recurrentDropout == null) {
            Gemm.gemm(true, false, units, cols, rows, states, 0, units, dc, dcOff, dcLd, dR, from, width, false);
            return;
        }
        double[] hm = arrays.apply(rows * units);
        for (int g = from / units; g < (from + cols) / units; g++) {
            for (int b = 0; b < batch; b++) {
                int m = (g * batch + b) * units;
                for (int t = 0; t < steps; t++) {
                    int at = (b * steps + t) * units;
                    for (int j = 0; j < units; j++) {
                        hm[at + j] = states[at + j] * spec.recurrentDropout[m + j];
                    }
                }
            }
            Gemm.gemm(true, false, units, units, rows, hm, 0, units, dc, dcOff + g * units - from, dcLd,
                    dR, g * units, width, false);
        }
    }

    /** The output from the states after each step, as Keras returns it. */
    private double[] assembleOutput() {
        if (!spec.returnSequences) {
            double[] y = arrays.apply(batch * units);
            int t = time(steps - 1);
            for (int b = 0; b < batch; b++) {
                if (spec.zeroOutputForMask && !active(b, t)) {
                    Arrays.fill(y, b * units, (b + 1) * units, 0.0);
                } else {
                    System.arraycopy(finals[0], b * units, y, b * units, units);
                }
            }
            return y;
        }
        double[] y = arrays.apply(batch * steps * units);
        for (int s = 0; s < steps; s++) {
            int t = time(s);
            for (int b = 0; b < batch; b++) {
                int at = (b * steps + s) * units;
                if (spec.zeroOutputForMask && !active(b, t)) {
                    Arrays.fill(y, at, at + units, 0.0);
                } else if (s == steps - 1) {
                    System.arraycopy(finals[0], b * units, y, at, units);
                } else {
                    System.arraycopy(entering[0], (b * steps + time(s + 1)) * units, y, at, units);
                }
            }
        }
        return y;
    }

    /**
     * Runs the pass backward through time.
     *
     * @param dOutput the gradient of {@link #output()}, or {@code null} for none
     * @param dFinalStates the gradients of the final states (entries may be {@code null}), or {@code null}
     * @param wantInput whether to compute the input's gradient
     * @param wantInitialStates whether to compute the initial states' gradients
     * @return the gradients; the kernel, recurrent kernel and bias ones always
     */
    public final Gradients backward(double[] dOutput, double[][] dFinalStates, boolean wantInput, boolean wantInitialStates) {
        double[][] d = new double[entering.length][];
        for (int k = 0; k < d.length; k++) {
            d[k] = dFinalStates == null || dFinalStates[k] == null ? new double[batch * units] : dFinalStates[k].clone();
        }
        if (spec.recurrentDropout == null) {
            packedTranspose = Gemm.pack(true, width, units, recurrentKernel, 0, width);
        }
        Parallel.forRange(batch, ROWS, (from, to) -> {
            if (dOutput != null && !spec.returnSequences) {
                addOutputGradient(from, to, d[0], dOutput, 0, units, time(steps - 1));
            }
            for (int s = steps - 1; s >= 0; s--) {
                int t = time(s);
                if (dOutput != null && spec.returnSequences) {
                    addOutputGradient(from, to, d[0], dOutput, s * units, steps * units, t);
                }
                stepBackward(t, from, to, d);
            }
        });
        Gradients grads = new Gradients();
        grads.initialStates = wantInitialStates ? d : null;
        double[] dz = inputGateGradients();
        int rows = batch * steps;
        grads.kernel = arrays.apply(features * width);
        if (droppedInput == null) {
            Gemm.gemm(true, false, features, width, rows, x, 0, features, dz, 0, width, grads.kernel, 0, width, false);
        } else {
            int cols = width / droppedInput.length;
            for (int g = 0; g < droppedInput.length; g++) {
                Gemm.gemm(true, false, features, cols, rows, droppedInput[g], 0, features, dz, g * cols, width,
                        grads.kernel, g * cols, width, false);
            }
        }
        if (wantInput) {
            grads.input = inputGradient(dz);
        }
        if (bias != null) {
            grads.bias = new double[bias.length];
            BiasRelu.columnSums(dz, 0, rows, width, grads.bias, inputBiasOffset());
        }
        grads.recurrentKernel = arrays.apply(units * width);
        recurrentGradients(grads.recurrentKernel, grads.bias);
        return grads;
    }

    /** dStates[0] += the output's gradient at one step for some rows, except where a masked step output zeros. */
    private void addOutputGradient(int from, int to, double[] dh, double[] dOutput, int off, int ld, int t) {
        for (int b = from; b < to; b++) {
            if (spec.zeroOutputForMask && !active(b, t)) {
                continue;
            }
            int at = off + b * ld;
            for (int j = 0; j < units; j++) {
                dh[b * units + j] += dOutput[at + j];
            }
        }
    }

    /** dx = Σ_blocks (dz_block · kernel_blockᵀ) ⊙ input dropout. */
    private double[] inputGradient(double[] dz) {
        int rows = batch * steps;
        double[] dx = arrays.apply(rows * features);
        if (droppedInput == null) {
            Gemm.gemm(false, true, rows, features, width, dz, 0, width, kernel, 0, width, dx, 0, features, false);
            return dx;
        }
        int cols = width / droppedInput.length;
        Arrays.fill(dx, 0.0);
        double[] part = arrays.apply(rows * features);
        for (int g = 0; g < droppedInput.length; g++) {
            Gemm.gemm(false, true, rows, features, cols, dz, g * cols, width, kernel, g * cols, width, part, 0, features, false);
            for (int b = 0; b < batch; b++) {
                int m = (g * batch + b) * features;
                for (int t = 0; t < steps; t++) {
                    int at = (b * steps + t) * features;
                    for (int i = 0; i < features; i++) {
                        dx[at + i] += part[at + i] * spec.inputDropout[m + i];
                    }
                }
            }
        }
        return dx;
    }
}
