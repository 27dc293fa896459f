package ai.lepton.layers;

import ai.lepton.autograd.DenseOp;
import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-head scaled dot-product attention, Keras's {@code MultiHeadAttention}: the query, key and
 * value are projected to {@code numHeads} heads, each query step attends to every key step with
 * weights {@code softmax(q · kᵀ / sqrt(keyDim))}, and the heads' weighted values are projected back
 * to the query's feature size (or {@code outputShape}):
 * <pre>
 * q = query · Wq + bq    (B, T, H, keyDim)      k = key · Wk + bk    (B, S, H, keyDim)
 * v = value · Wv + bv    (B, S, H, valueDim)    p = softmax(q kᵀ / sqrt(keyDim), over S)   (B, H, T, S)
 * out = (p v) · Wo + bo  (B, T, outputShape)
 * </pre>
 * The inputs are {@code query (B, T, dq)}, {@code value (B, S, dv)} and an optional
 * {@code key (B, S, dk)} (the value by default); a single input is self-attention, as
 * {@code mha(x, x)}. Inputs with more axes attend over all of them but the batch and the features
 * (Keras's default {@code attention_axes}).
 *
 * <p>Weights, in Keras's order and shapes (its {@code EinsumDense} sublayers): query kernel
 * {@code (dq, H, keyDim)} and bias {@code (H, keyDim)}, key kernel {@code (dk, H, keyDim)} and bias,
 * value kernel {@code (dv, H, valueDim)} and bias {@code (H, valueDim)}, output kernel
 * {@code (H, valueDim, ...outputShape)} and bias {@code (outputShape)}; no biases with
 * {@code useBias(false)}.
 *
 * <p>Masks: a masked key or value step gets no attention, and a masked query step attends to
 * nothing (its attention row is all zeros), as Keras's masked softmax; the output carries the
 * query's mask. {@link #useCausalMask(boolean)} lets step {@code t} see only steps up to {@code t};
 * an explicit {@code attentionMask (B, T, S)} goes through {@link #call(Tensor, Tensor, Tensor, Tensor, boolean)}.
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.shape(20, 32);
 * SymbolicTensor attended = new MultiHeadAttention(4, 8).apply(tokens, tokens);   // (None, 20, 32)
 * SymbolicTensor x = new LayerNormalization().apply(new Add().apply(tokens, attended));
 * }</pre>
 */
public final class MultiHeadAttention extends Layer {
    /** Keras's {@code _large_negative_number} for float32 and wider: what a masked score becomes before the softmax. */
    private static final double LARGE_NEGATIVE = -1e9;
    private static final String DRAWN = "masks_drawn";

    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private int[] outputShape;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private String kernelInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer activityRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;

    /**
     * @param numHeads the number of attention heads, positive
     * @param keyDim the size of each head for query and key (and value, unless {@link #valueDim(int)} says otherwise)
     * @throws IllegalArgumentException echoing a size that is not positive
     */
    public MultiHeadAttention(int numHeads, int keyDim) {
        this.numHeads = requirePositive("num_heads", numHeads);
        this.keyDim = requirePositive("key_dim", keyDim);
        this.valueDim = keyDim;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     * @throws ConfigException for settings Lepton does not support (attention over chosen axes, a sliding window, a gate)
     */
    public static MultiHeadAttention fromConfig(Config config) {
        if (config.get("attention_axes") != null) {
            throw new ConfigException("MultiHeadAttention: only the default attention axes (all but batch and features) are "
                    + "supported. Received: attention_axes=" + config.get("attention_axes"));
        }
        if (config.get("sliding_window") != null || config.getBoolean("use_gate", false)) {
            throw new ConfigException("MultiHeadAttention: sliding_window and use_gate are not supported. Received: sliding_window="
                    + config.get("sliding_window") + ", use_gate=" + config.get("use_gate"));
        }
        config.markRead("seed", "flash_attention");
        MultiHeadAttention layer = new MultiHeadAttention(config.getInt("num_heads"), config.getInt("key_dim"));
        if (config.get("value_dim") != null) {
            layer.valueDim(config.getInt("value_dim"));
        }
        if (config.get("output_shape") != null) {
            layer.outputShape(config.getInts("output_shape"));
        }
        return layer.dropout(config.getDouble("dropout", 0.0))
                .useBias(config.getBoolean("use_bias", true))
                .useCausalMask(config.getBoolean("use_causal_mask", false))
                .returnAttentionScores(config.getBoolean("return_attention_scores", false))
                .kernelInitializer(config.getString("kernel_initializer", "glorot_uniform"))
                .biasInitializer(config.getString("bias_initializer", "zeros"))
                .kernelRegularizer(Regularizers.read(config, "kernel_regularizer"))
                .biasRegularizer(Regularizers.read(config, "bias_regularizer"))
                .activityRegularizer(Regularizers.read(config, "activity_regularizer"))
                .kernelConstraint(Constraints.read(config, "kernel_constraint"))
                .biasConstraint(Constraints.read(config, "bias_constraint"));
    }

    // ---------------------------------------------------------------- settings

    /**
     * @param size the size of each head for the value, positive (default {@code keyDim})
     * @return this layer
     */
    public MultiHeadAttention valueDim(int size) {
        valueDim = requirePositive("value_dim", size);
        return this;
    }

    /**
     * @param rate the fraction of attention weights dropped in training, in [0, 1) (default 0)
     * @return this layer
     */
    public MultiHeadAttention dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be a number in [0, 1). Received: dropout=" + rate);
        }
        dropout = rate;
        return this;
    }

    /**
     * @param on whether the four projections add biases (default true)
     * @return this layer
     */
    public MultiHeadAttention useBias(boolean on) {
        useBias = on;
        return this;
    }

    /**
     * @param shape the per-step output shape (default the query's feature size)
     * @return this layer
     */
    public MultiHeadAttention outputShape(int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("MultiHeadAttention: output_shape must have at least one dimension. Received: []");
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("MultiHeadAttention: output_shape dimensions must be positive. Received: output_shape="
                        + Arrays.toString(shape));
            }
        }
        outputShape = shape.clone();
        return this;
    }

    /**
     * Keras's call argument {@code use_causal_mask}, as a setting of the layer: query step {@code t}
     * sees key steps {@code 0..t} only (a decoder's self-attention).
     *
     * @param on whether to apply the causal mask (default false)
     * @return this layer
     */
    public MultiHeadAttention useCausalMask(boolean on) {
        useCausalMask = on;
        return this;
    }

    /**
     * Keras's call argument {@code return_attention_scores}, as a setting of the layer: a second
     * output, the attention weights {@code (B, H, T, S)}.
     *
     * @param on whether the layer has the second output (default false)
     * @return this layer
     */
    public MultiHeadAttention returnAttentionScores(boolean on) {
        returnAttentionScores = on;
        return this;
    }

    /**
     * @param name the projections' kernel initializer (default {@code glorot_uniform}, see {@link Initializers})
     * @return this layer
     */
    public MultiHeadAttention kernelInitializer(String name) {
        Initializers.get(name);
        kernelInitializer = name;
        return this;
    }

    /**
     * @param name the projections' bias initializer (default {@code zeros})
     * @return this layer
     */
    public MultiHeadAttention biasInitializer(String name) {
        Initializers.get(name);
        biasInitializer = name;
        return this;
    }

    /**
     * @param regularizer a penalty on each projection kernel, or {@code null}
     * @return this layer
     */
    public MultiHeadAttention kernelRegularizer(Regularizer regularizer) {
        kernelRegularizer = regularizer;
        return this;
    }

    /**
     * @param regularizer a penalty on each projection bias, or {@code null}
     * @return this layer
     */
    public MultiHeadAttention biasRegularizer(Regularizer regularizer) {
        biasRegularizer = regularizer;
        return this;
    }

    /**
     * @param regularizer a penalty on the output, divided by the batch size, or {@code null}
     * @return this layer
     */
    public MultiHeadAttention activityRegularizer(Regularizer regularizer) {
        activityRegularizer = regularizer;
        return this;
    }

    /**
     * @param constraint a projection of each kernel after each step, or {@code null}
     * @return this layer
     */
    public MultiHeadAttention kernelConstraint(Constraint constraint) {
        kernelConstraint = constraint;
        return this;
    }

    /**
     * @param constraint a projection of each bias after each step, or {@code null}
     * @return this layer
     */
    public MultiHeadAttention biasConstraint(Constraint constraint) {
        biasConstraint = constraint;
        return this;
    }

    @Override
    public MultiHeadAttention name(String layerName) {
        super.name(layerName);
        return this;
    }

    // ---------------------------------------------------------------- shapes and weights

    @Override
    public MultiHeadAttention inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    /** The output shape of self-attention on one input. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return computeOutputShapes(List.of(inputShape)).get(0);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputShapes.isEmpty() || inputShapes.size() > 3) {
            throw new IllegalArgumentException(describe() + " takes query, value and an optional key (1 to 3 inputs; one "
                    + "input is self-attention), received " + inputShapes.size());
        }
        int[] query = inputShapes.get(0);
        int[] value = inputShapes.get(Math.min(1, inputShapes.size() - 1));
        int[] key = inputShapes.get(inputShapes.size() - 1);
        if (query.length < 2 || value.length != query.length || key.length != query.length) {
            throw new ShapeException(describe() + ": expected query, value and key of one rank, at least (batch, steps, features), "
                    + "received " + formatShapes(inputShapes));
        }
        if (!Arrays.equals(value, 0, value.length - 1, key, 0, key.length - 1)) {
            throw new ShapeException(describe() + ": all dimensions of value and key but the last must be equal. Received: value_shape="
                    + Shapes.formatBatched(value) + " and key_shape=" + Shapes.formatBatched(key));
        }
        int[] out = Arrays.copyOf(query, query.length - 1 + (outputShape == null ? 1 : outputShape.length));
        if (outputShape == null) {
            out[query.length - 1] = query[query.length - 1];
        } else {
            System.arraycopy(outputShape, 0, out, query.length - 1, outputShape.length);
        }
        if (!returnAttentionScores) {
            return List.of(out);
        }
        int[] steps = Arrays.copyOf(query, query.length - 1);
        int[] keySteps = Arrays.copyOf(key, key.length - 1);
        int[] scores = new int[1 + steps.length + keySteps.length];
        scores[0] = numHeads;
        System.arraycopy(steps, 0, scores, 1, steps.length);
        System.arraycopy(keySteps, 0, scores, 1 + steps.length, keySteps.length);
        return List.of(out, scores);
    }

    @Override
    protected void declareWeights(List<int[]> inputShapes, Weights weights) {
        int[] query = inputShapes.get(0);
        int[] value = inputShapes.get(Math.min(1, inputShapes.size() - 1));
        int[] key = inputShapes.get(inputShapes.size() - 1);
        int[] out = outputShape == null ? new int[] {query[query.length - 1]} : outputShape;
        declareProjection(weights, "query", new int[] {last(query), numHeads, keyDim}, new int[] {numHeads, keyDim});
        declareProjection(weights, "key", new int[] {last(key), numHeads, keyDim}, new int[] {numHeads, keyDim});
        declareProjection(weights, "value", new int[] {last(value), numHeads, valueDim}, new int[] {numHeads, valueDim});
        int[] outKernel = new int[2 + out.length];
        outKernel[0] = numHeads;
        outKernel[1] = valueDim;
        System.arraycopy(out, 0, outKernel, 2, out.length);
        declareProjection(weights, "attention_output", outKernel, out);
        if (dropout > 0) {
            weights.addState(DRAWN, new int[] {1});
        }
    }

    private void declareProjection(Weights weights, String name, int[] kernelShape, int[] biasShape) {
        weights.add(name + "_kernel", kernelShape, Initializers.get(kernelInitializer), kernelRegularizer, kernelConstraint);
        if (useBias) {
            weights.add(name + "_bias", biasShape, Initializers.get(biasInitializer), biasRegularizer, biasConstraint);
        }
    }

    // ---------------------------------------------------------------- masks

    /** Keras's {@code supports_masking = True}: the inputs' masks shape the attention, the query's passes on. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return Storage.mask(inputs.get(0));
    }

    // ---------------------------------------------------------------- calling

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(Math.min(1, inputs.size() - 1));
        Tensor key = inputs.size() == 3 ? inputs.get(2) : null;
        Tensor[] outputs = attend(query, value, key, null, training);
        return returnAttentionScores ? List.of(outputs) : List.of(outputs[0]);
    }

    /** Self-attention, {@code mha(x, x)}: the output only, even with {@link #returnAttentionScores(boolean)}. */
    @Override
    public Tensor call(Tensor x, boolean training) {
        return call(List.of(x), training).get(0);
    }

    /**
     * Attention with an explicit mask, Keras's {@code mha(query, value, key, attention_mask=...)}.
     * The mask is combined (logical and) with the inputs' masks and the causal mask when set.
     *
     * @param query {@code (B, T, dq)}
     * @param value {@code (B, S, dv)}
     * @param key {@code (B, S, dk)}, or {@code null} for the value
     * @param attentionMask {@code (B, T, S)} (or {@code (T, S)}, shared by the batch) of 1 where query step t may attend to key step s, 0 elsewhere; or {@code null}
     * @param training whether dropout is active
     * @return the output {@code (B, T, ...outputShape)}
     * @throws ShapeException naming the layer if the mask's shape is not the attention's
     */
    public Tensor call(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean training) {
        checkCall(query, value, key);
        return attend(query, value, key, attentionMask, training)[0];
    }

    /**
     * {@link #call(Tensor, Tensor, Tensor, Tensor, boolean)} that also returns the attention weights,
     * Keras's {@code return_attention_scores=True}.
     *
     * @param query {@code (B, T, dq)}
     * @param value {@code (B, S, dv)}
     * @param key {@code (B, S, dk)}, or {@code null} for the value
     * @param attentionMask {@code (B, T, S)} or {@code (T, S)} of 0 and 1, or {@code null}
     * @param training whether dropout is active
     * @return the output {@code (B, T, ...outputShape)} and the weights {@code (B, H, T, S)}, before dropout
     */
    public List<Tensor> callWithScores(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean training) {
        checkCall(query, value, key);
        return List.of(attend(query, value, key, attentionMask, training));
    }

    /** Checks a direct call's inputs against the build: a layer built on one input (self-attention) takes a value of the query's shape. */
    private void checkCall(Tensor query, Tensor value, Tensor key) {
        if (query == null || value == null) {
            throw new IllegalArgumentException(describe() + ": query and value are required (received null)");
        }
        if (builtInputShapes().size() == 1 && key == null) {
            checkInputs(List.of(query));
            checkInputs(List.of(value));
        } else {
            checkInputs(key == null ? List.of(query, value) : List.of(query, value, key));
        }
    }

    private Tensor[] attend(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean training) {
        Tensor keyInput = key == null ? value : key;
        int[] qShape = Storage.shape(query);
        int[] kShape = Storage.shape(keyInput);
        int batch = qShape[0];
        int t = Shapes.product(qShape, 1, qShape.length - 1);
        int s = Shapes.product(kShape, 1, kShape.length - 1);
        Tensor q = project(query, "query", batch, t, keyDim).mul(1.0 / Math.sqrt(keyDim));
        Tensor k = project(keyInput, "key", batch, s, keyDim);
        Tensor v = project(value, "value", batch, s, valueDim);
        Tensor scores = q.matmul(k.transpose(0, 1, 3, 2));                       // (B, H, T, S)
        Tensor mask = AttentionMasks.combine(this, query, value, key, attentionMask, useCausalMask, batch, t, s);
        Tensor weights;
        if (mask == null) {
            weights = scores.softmax(-1);
        } else {
            Tensor keep = mask.reshape(mask.shape()[0], 1, t, s);
            Tensor fill = keep.neg().add(1.0).mul(LARGE_NEGATIVE);
            // Multiplying by the mask after the softmax zeroes a row that is masked entirely, as Keras's where(mask, p, 0).
            weights = scores.mul(keep).add(fill).softmax(-1).mul(keep);
        }
        Tensor dropped = training && dropout > 0 ? weights.mul(dropoutMask(weights)) : weights;
        Tensor context = dropped.matmul(v).transpose(0, 2, 1, 3).reshape(batch * t, numHeads * valueDim);
        int[] out = outputShape == null ? new int[] {qShape[qShape.length - 1]} : outputShape;
        int outSize = Shapes.product(out, 0, out.length);
        Tensor projected = DenseOp.apply(context, weight("attention_output_kernel").reshape(numHeads * valueDim, outSize),
                useBias ? weight("attention_output_bias").reshape(outSize) : null, false);
        int[] outFull = Arrays.copyOf(qShape, qShape.length - 1 + out.length);
        System.arraycopy(out, 0, outFull, qShape.length - 1, out.length);
        Tensor output = projected.reshape(outFull);
        if (activityRegularizer != null) {
            addLoss(Regularizers.activityPenalty(activityRegularizer, output));
        }
        Storage.attachMask(output, Storage.mask(query));
        int[] scoreShape = new int[2 + (qShape.length - 2) + (kShape.length - 2)];
        scoreShape[0] = batch;
        scoreShape[1] = numHeads;
        System.arraycopy(qShape, 1, scoreShape, 2, qShape.length - 2);
        System.arraycopy(kShape, 1, scoreShape, qShape.length, kShape.length - 2);
        return new Tensor[] {output, weights.reshape(scoreShape)};
    }

    /** One input's projection to the heads, {@code (B, steps..., d) -> (B, H, steps, size)}, as one GEMM. */
    private Tensor project(Tensor x, String name, int batch, int steps, int size) {
        int[] shape = Storage.shape(x);
        int features = shape[shape.length - 1];
        Tensor flat = x.reshape(batch * steps, features);
        Tensor kernel = weight(name + "_kernel").reshape(features, numHeads * size);
        Tensor bias = useBias ? weight(name + "_bias").reshape(numHeads * size) : null;
        return DenseOp.apply(flat, kernel, bias, false).reshape(batch, steps, numHeads, size).transpose(0, 2, 1, 3);
    }

    private synchronized Tensor dropoutMask(Tensor like) {
        double[] count = Storage.data(weight(DRAWN));
        long seed = new SplittableRandom(buildSeed()).nextLong();
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed + (long) count[0]).nextLong());
        count[0]++;
        double scale = 1.0 / (1.0 - dropout);
        double[] m = new double[like.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() >= dropout ? scale : 0.0;
        }
        return Storage.wrap(m, Storage.shape(like));
    }

    private static int last(int[] shape) {
        return shape[shape.length - 1];
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig()
                .put("num_heads", numHeads)
                .put("key_dim", keyDim)
                .put("value_dim", valueDim)
                .put("dropout", dropout)
                .put("use_bias", useBias)
                .put("output_shape", outputShape == null ? null : outputShape.clone())
                .put("attention_axes", null)
                .put("kernel_initializer", kernelInitializer)
                .put("bias_initializer", biasInitializer);
        Regularizers.put(config, "kernel_regularizer", kernelRegularizer);
        Regularizers.put(config, "bias_regularizer", biasRegularizer);
        Regularizers.put(config, "activity_regularizer", activityRegularizer);
        Constraints.put(config, "kernel_constraint", kernelConstraint);
        Constraints.put(config, "bias_constraint", biasConstraint);
        if (useCausalMask) {
            config.put("use_causal_mask", true);
        }
        if (returnAttentionScores) {
            config.put("return_attention_scores", true);
        }
        return config;
    }
}
