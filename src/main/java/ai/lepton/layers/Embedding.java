package ai.lepton.layers;

import ai.lepton.autograd.Gather;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Turns token ids into dense vectors, Keras's {@code Embedding}: the output for an id is row
 * {@code id} of the {@code embeddings} weight {@code (inputDim, outputDim)}, so ids of shape
 * {@code (batch, ...)} give {@code (batch, ..., outputDim)}. Ids must be whole numbers in
 * {@code [0, inputDim)}; any other is an error naming the layer, the id and its position.
 *
 * <p>With {@code maskZero}, id 0 is padding: the output carries a mask, 0 where the id is 0, which
 * recurrent layers and masked pooling read to skip those steps (and {@code inputDim} must count
 * id 0). The embeddings start uniform in [-0.05, 0.05], as Keras's.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Embedding(10_000, 32).maskZero(true).inputShape(80),   // 80 token ids per example
 *         new LSTM(32),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private String embeddingsInitializer = "uniform";
    private Regularizer embeddingsRegularizer;
    private Regularizer activityRegularizer;
    private Constraint embeddingsConstraint;
    private boolean maskZero;

    /**
     * @param inputDim the vocabulary size, the largest id plus one, positive
     * @param outputDim the vector size, positive
     * @throws IllegalArgumentException echoing a size that is not positive
     */
    public Embedding(int inputDim, int outputDim) {
        this.inputDim = requirePositive("input_dim", inputDim);
        this.outputDim = requirePositive("output_dim", outputDim);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Embedding fromConfig(Config config) {
        if (config.get("lora_rank") != null) {
            throw new IllegalArgumentException("LoRA embeddings are not supported. Received: lora_rank=" + config.get("lora_rank"));
        }
        config.markRead("quantization_config", "lora_alpha", "input_length");
        return new Embedding(config.getInt("input_dim"), config.getInt("output_dim"))
                .embeddingsInitializer(config.getString("embeddings_initializer", "uniform"))
                .maskZero(config.getBoolean("mask_zero", false))
                .embeddingsRegularizer(Regularizers.read(config, "embeddings_regularizer"))
                .activityRegularizer(Regularizers.read(config, "activity_regularizer"))
                .embeddingsConstraint(Constraints.read(config, "embeddings_constraint"));
    }

    /**
     * @param name the embeddings' initializer (default {@code uniform}: U(-0.05, 0.05), see {@link Initializers})
     * @return this layer
     */
    public Embedding embeddingsInitializer(String name) {
        Initializers.get(name);
        embeddingsInitializer = name;
        return this;
    }

    /**
     * @param regularizer a penalty on the embeddings, or {@code null}
     * @return this layer
     */
    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        embeddingsRegularizer = regularizer;
        return this;
    }

    /**
     * @param regularizer a penalty on the output, divided by the batch size as Keras does, or {@code null}
     * @return this layer
     */
    public Embedding activityRegularizer(Regularizer regularizer) {
        activityRegularizer = regularizer;
        return this;
    }

    /**
     * @param constraint a projection of the embeddings after each step, or {@code null}
     * @return this layer
     */
    public Embedding embeddingsConstraint(Constraint constraint) {
        embeddingsConstraint = constraint;
        return this;
    }

    /**
     * @param on whether id 0 is padding, masked out for the layers that follow (default false)
     * @return this layer
     */
    public Embedding maskZero(boolean on) {
        maskZero = on;
        return this;
    }

    @Override
    public Embedding name(String layerName) {
        super.name(layerName);
        return this;
    }

    @Override
    public Embedding inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] out = Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        weights.add("embeddings", new int[] {inputDim, outputDim}, Initializers.get(embeddingsInitializer),
                embeddingsRegularizer, embeddingsConstraint);
    }

    /** Keras's {@code supports_masking = mask_zero}: the layer makes a mask, it does not read one. */
    @Override
    public boolean supportsMasking() {
        return maskZero;
    }

    @Override
    public Tensor computeMask(List<Tensor> inputs) {
        return maskZero ? nonZero(inputs.get(0)) : null;
    }

    private static Tensor nonZero(Tensor ids) {
        double[] id = Storage.data(ids);
        double[] mask = new double[id.length];
        for (int i = 0; i < id.length; i++) {
            mask[i] = id[i] != 0 ? 1.0 : 0.0;
        }
        return Storage.wrap(mask, Storage.shape(ids));
    }

    @Override
    public Tensor call(Tensor ids, boolean training) {
        if (Storage.shape(ids).length < 1) {
            throw new ShapeException(describe() + ": expected a batch of token ids, received a scalar");
        }
        Tensor out;
        try {
            out = Gather.apply(weight("embeddings"), ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": token " + e.getMessage() + " (input_dim=" + inputDim
                    + "; ids of shape " + Shapes.format(Storage.shape(ids)) + ")", e);
        }
        if (maskZero) {
            Storage.attachMask(out, nonZero(ids));
        }
        if (activityRegularizer != null) {
            addLoss(Regularizers.activityPenalty(activityRegularizer, out));
        }
        return out;
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig()
                .put("input_dim", inputDim)
                .put("output_dim", outputDim)
                .put("embeddings_initializer", embeddingsInitializer);
        Regularizers.put(config, "embeddings_regularizer", embeddingsRegularizer);
        Regularizers.put(config, "activity_regularizer", activityRegularizer);
        Constraints.put(config, "embeddings_constraint", embeddingsConstraint);
        return config.put("mask_zero", maskZero);
    }
}
