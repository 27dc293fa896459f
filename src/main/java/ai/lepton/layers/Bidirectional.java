package ai.lepton.layers;

import ai.lepton.autograd.Concat;
import ai.lepton.autograd.Flip;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a recurrent layer over the sequence in both directions and merges the two outputs, Keras's
 * {@code Bidirectional}. The forward layer is a copy of the given one named {@code forward_<name>};
 * the backward layer a copy with {@code goBackwards} flipped named {@code backward_<name>} (or the
 * one given by {@link #backwardLayer}), whose output sequence is put back in time order before
 * merging. Merge modes: {@code concat} (default; the last axis doubles), {@code sum}, {@code mul},
 * {@code ave}, or {@code null} for the two outputs apart. With {@code returnState} the outputs are
 * followed by the forward layer's states, then the backward layer's. The weights are the forward
 * layer's then the backward layer's; the config nests both layers' configs.
 *
 * <p>Masks reach both layers; when they return sequences, masked steps output zeros
 * ({@code zeroOutputForMask}, as Keras sets it), and the merged sequence carries the mask on.
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.shape(40);
 * SymbolicTensor embedded = new Embedding(5_000, 32).maskZero(true).apply(tokens);
 * SymbolicTensor both = new Bidirectional(new LSTM(16).returnSequences(true)).apply(embedded);   // (None, 40, 32)
 * }</pre>
 */
public final class Bidirectional extends Wrapper {
    private static final List<String> MERGE_MODES = Arrays.asList("concat", "sum", "mul", "ave", null);

    private final RecurrentLayer<?> forward;
    private RecurrentLayer<?> backward;
    private final String mergeMode;

    /**
     * Wraps a recurrent layer with merge mode {@code concat}.
     *
     * @param layer a {@link SimpleRNN}, {@link LSTM} or {@link GRU} (its settings are copied; it is not used itself)
     * @throws IllegalArgumentException if it is not a recurrent layer
     */
    public Bidirectional(Layer layer) {
        this(layer, "concat");
    }

    /**
     * @param layer a {@link SimpleRNN}, {@link LSTM} or {@link GRU} (its settings are copied; it is not used itself)
     * @param mergeMode {@code concat}, {@code sum}, {@code mul}, {@code ave}, or {@code null} for two outputs
     * @throws IllegalArgumentException if the layer is not a recurrent layer or the merge mode is unknown
     */
    public Bidirectional(Layer layer, String mergeMode) {
        if (!MERGE_MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional: merge_mode must be one of " + MERGE_MODES
                    + ". Received: merge_mode=" + mergeMode);
        }
        this.mergeMode = mergeMode;
        RecurrentLayer<?> recurrent = recurrent(layer, "layer");
        if (layer.declaredInputShape() != null) {
            inputShape(layer.declaredInputShape());
        }
        String base = layer.name() == null ? layer.baseName() : layer.name();
        this.forward = copy(recurrent, "forward_" + strip(base, "forward_"), recurrent.goBackwards());
        this.backward = copy(recurrent, "backward_" + strip(base, "backward_"), !recurrent.goBackwards());
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Bidirectional fromConfig(Config config) {
        Bidirectional layer = new Bidirectional(fromNested(config.getConfig("layer")), config.getString("merge_mode", null));
        if (config.get("backward_layer") != null) {
            layer.backwardLayer(fromNested(config.getConfig("backward_layer")));
        }
        return layer;
    }

    private static RecurrentLayer<?> recurrent(Layer layer, String what) {
        if (!(layer instanceof RecurrentLayer<?> r)) {
            throw new IllegalArgumentException("Bidirectional: the " + what + " must be a recurrent layer (SimpleRNN, LSTM, GRU). "
                    + "Received: " + (layer == null ? "null" : layer.getClass().getSimpleName()));
        }
        return r;
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** A fresh layer with the settings of {@code layer}, a new name and direction, as Keras recreates it. */
    private static RecurrentLayer<?> copy(RecurrentLayer<?> layer, String name, boolean goBackwards) {
        Config config = layer.getConfig().put("name", name).put("go_backwards", goBackwards);
        config.remove("input_shape");
        RecurrentLayer<?> copy = (RecurrentLayer<?>) Layers.fromConfig(Layers.nameOf(layer), config);
        copy.zeroOutputForMask(copy.returnSequences());
        return copy;
    }

    /**
     * Uses a layer of one's own for the backward direction, as Keras's {@code backward_layer}.
     *
     * @param layer a recurrent layer that reads the sequence in the other direction from the
     *        forward layer and agrees with it on {@code stateful}, {@code returnSequences} and
     *        {@code returnState} (used itself, not copied)
     * @return this layer
     * @throws IllegalArgumentException if it does not fit, naming the setting
     * @throws IllegalStateException if the layer is already built
     */
    public Bidirectional backwardLayer(Layer layer) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is built: its backward layer can no longer change");
        }
        RecurrentLayer<?> r = recurrent(layer, "backward layer");
        if (r.goBackwards() == forward.goBackwards()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must read the sequence in "
                    + "different directions. Received: go_backwards=" + r.goBackwards() + " for both");
        }
        check("stateful", forward.stateful(), r.stateful());
        check("return_sequences", forward.returnSequences(), r.returnSequences());
        check("return_state", forward.returnState(), r.returnState());
        if (r.name() == null) {
            r.name("backward_" + r.baseName());
        }
        r.zeroOutputForMask(r.returnSequences());
        backward = r;
        return this;
    }

    private static void check(String setting, boolean forward, boolean backward) {
        if (forward != backward) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must agree on " + setting
                    + ". Received: " + forward + " (forward) and " + backward + " (backward)");
        }
    }

    /** @return the forward layer (a copy of the wrapped one) */
    public RecurrentLayer<?> forwardLayer() {
        return forward;
    }

    /** @return the backward layer */
    public RecurrentLayer<?> backwardLayer() {
        return backward;
    }

    /** Forgets the states of a stateful pair, as Keras's {@code reset_state}. */
    public void resetStates() {
        forward.resetStates();
        backward.resetStates();
    }

    @Override
    protected List<Layer> wrapped() {
        return List.of(forward, backward);
    }

    @Override
    protected List<int[]> wrappedInputShapes(List<int[]> inputShapes) {
        return inputShapes.subList(0, 1);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int states = forward.cell().states();
        if (inputShapes.size() != 1 && inputShapes.size() != 1 + 2 * states) {
            throw new IllegalArgumentException(describe() + " takes a sequence and, optionally, " + 2 * states
                    + " initial states (the forward layer's, then the backward layer's); received " + inputShapes.size()
                    + " inputs");
        }
        List<int[]> inner = forward.computeOutputShapes(inputShapes.subList(0, 1));
        int[] out = inner.get(0);
        List<int[]> result = new ArrayList<>();
        if (mergeMode == null) {
            result.add(out);
            result.add(out.clone());
        } else {
            int[] merged = out.clone();
            if (mergeMode.equals("concat")) {
                merged[merged.length - 1] *= 2;
            }
            result.add(merged);
        }
        for (int twice = 0; twice < 2; twice++) {
            for (int[] s : inner.subList(1, inner.size())) {
                result.add(s.clone());
            }
        }
        return result;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        List<int[]> out = computeOutputShapes(List.of(inputShape));
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " has " + out.size() + " outputs; use computeOutputShapes");
        }
        return out.get(0);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return forward.returnSequences() && mergeMode != null && !forward.returnState() ? Storage.mask(inputs.get(0)) : null;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        List<Tensor> out = call(List.of(x), training);
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " has " + out.size() + " outputs; use call(List, boolean)");
        }
        return out.get(0);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        int half = (inputs.size() - 1) / 2;
        List<Tensor> forwardIn = new ArrayList<>(List.of(x));
        forwardIn.addAll(inputs.subList(1, 1 + half));
        List<Tensor> backwardIn = new ArrayList<>(List.of(x));
        backwardIn.addAll(inputs.subList(1 + half, inputs.size()));
        List<Tensor> y = forward.call(forwardIn, training);
        List<Tensor> yRev = backward.call(backwardIn, training);
        Tensor a = y.get(0);
        Tensor b = forward.returnSequences() ? Flip.apply(yRev.get(0), 1) : yRev.get(0);
        List<Tensor> outputs = new ArrayList<>();
        if (mergeMode == null) {
            outputs.add(a);
            outputs.add(b);
        } else {
            outputs.add(switch (mergeMode) {
                case "concat" -> Concat.apply(List.of(a, b), -1);
                case "sum" -> a.add(b);
                case "mul" -> a.mul(b);
                default -> a.add(b).div(2.0);
            });
        }
        Tensor mask = Storage.mask(x);
        if (mask != null && forward.returnSequences()) {
            for (Tensor out : outputs) {
                Storage.attachMask(out, mask);
            }
        }
        outputs.addAll(y.subList(1, y.size()));
        outputs.addAll(yRev.subList(1, yRev.size()));
        return outputs;
    }

    @Override
    public Config getConfig() {
        return super.getConfig()
                .put("merge_mode", mergeMode)
                .put("layer", nested(forward))
                .put("backward_layer", nested(backward));
    }

    @Override
    public Bidirectional inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Bidirectional name(String layerName) {
        super.name(layerName);
        return this;
    }
}
