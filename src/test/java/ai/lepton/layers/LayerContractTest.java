package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.config.Config;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every layer type keeps, checked the same way for each. */
class LayerContractTest {
    private static final int BATCH = 3;
    private static final long SEED = 1234L;
    private static final double GRAD_TOLERANCE = 1e-6;
    private static final double LEARNING_RATE = 0.05;

    /**
     * A layer to test: a fresh instance each time, the input shape it is built for, and Keras's
     * base name; its input is standard normal, or whole numbers below {@code vocabulary} (token ids)
     * when that is positive.
     */
    record Case(String label, String baseName, Supplier<Layer> make, int vocabulary, int[] inputShape) {
        Case(String label, String baseName, Supplier<Layer> make, int... inputShape) {
            this(label, baseName, make, 0, inputShape);
        }

        Layer built(long seed) {
            Layer layer = make.get();
            layer.build(inputShape, seed);
            return layer;
        }

        Tensor input(long seed) {
            int[] shape = new int[inputShape.length + 1];
            shape[0] = BATCH;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            if (vocabulary == 0) {
                return Tensor.randn(seed, shape);
            }
            double[] ids = Tensor.rand(seed, shape).toArray();
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Math.floor(ids[i] * vocabulary);
            }
            return Tensor.of(ids, shape);
        }

        /** The input as a leaf that gradients reach, or as plain data for token ids. */
        Tensor differentiableInput(long seed) {
            return vocabulary == 0 ? input(seed).requiresGrad(true) : input(seed);
        }

        @Override
        public String toString() {
            return label + " on " + Shapes.formatBatched(inputShape);
        }
    }

    static Stream<Case> layers() {
        return Stream.of(
                new Case("Dense(4, tanh)", "dense", () -> new Dense(4, "tanh"), 5),
                new Case("Dense(3) no bias", "dense", () -> new Dense(3).useBias(false), 6),
                new Case("Conv2D(3, 3, relu) strides 2 same", "conv2d",
                        () -> new Conv2D(3, 3, "relu").strides(2).padding("same"), 7, 7, 2),
                new Case("Conv2D(2, 2) no bias", "conv2d", () -> new Conv2D(2, 2).useBias(false), 5, 4, 3),
                new Case("Conv2D(4, 3x2) strides (2, 1) same groups 2", "conv2d",
                        () -> new Conv2D(4, 3).kernelSize(3, 2).strides(2, 1).padding("same").groups(2), 7, 6, 4),
                new Case("Conv2D(2, 3) dilation 2", "conv2d", () -> new Conv2D(2, 3).dilationRate(2), 7, 6, 2),
                new Case("Conv1D(3, 3) strides 2 same", "conv1d", () -> new Conv1D(3, 3).strides(2).padding("same"), 7, 2),
                new Case("Conv1D(4, 2, relu) causal dilation 2 groups 2", "conv1d",
                        () -> new Conv1D(4, 2, "relu").padding("causal").dilationRate(2).groups(2), 6, 4),
                new Case("DepthwiseConv2D(3) multiplier 2 strides 2 same", "depthwise_conv2d",
                        () -> new DepthwiseConv2D(3).depthMultiplier(2).strides(2).padding("same"), 7, 6, 3),
                new Case("DepthwiseConv2D(2x3, relu) dilation 2", "depthwise_conv2d",
                        () -> new DepthwiseConv2D(2).kernelSize(2, 3).dilationRate(2).activation("relu"), 6, 7, 2),
                new Case("SeparableConv2D(4, 3, relu) same", "separable_conv2d",
                        () -> new SeparableConv2D(4, 3, "relu").padding("same"), 5, 6, 3),
                new Case("SeparableConv2D(3, 3) multiplier 2 strides 2", "separable_conv2d",
                        () -> new SeparableConv2D(3, 3).depthMultiplier(2).strides(2), 7, 7, 2),
                new Case("SeparableConv1D(3, 3) causal dilation 2", "separable_conv1d",
                        () -> new SeparableConv1D(3, 3).padding("causal").dilationRate(2), 7, 2),
                new Case("Conv2DTranspose(3, 3, relu) strides 2 same", "conv2d_transpose",
                        () -> new Conv2DTranspose(3, 3, "relu").strides(2).padding("same"), 3, 4, 2),
                new Case("Conv2DTranspose(2, 2x3) strides (3, 1) valid output_padding (2, 0)", "conv2d_transpose",
                        () -> new Conv2DTranspose(2, 2).kernelSize(2, 3).strides(3, 1).outputPadding(2, 0), 3, 3, 2),
                new Case("Conv1DTranspose(2, 4) strides 2 same output_padding 1", "conv1d_transpose",
                        () -> new Conv1DTranspose(2, 4).strides(2).padding("same").outputPadding(1), 4, 3),
                new Case("MaxPooling2D(3) strides 2 same", "max_pooling2d",
                        () -> new MaxPooling2D(3).strides(2).padding("same"), 7, 7, 2),
                new Case("MaxPooling2D()", "max_pooling2d", MaxPooling2D::new, 6, 5, 2),
                new Case("MaxPooling2D(2x3) strides (1, 2)", "max_pooling2d", () -> new MaxPooling2D(2).poolSize(2, 3).strides(1, 2), 5, 7, 2),
                new Case("MaxPooling1D(3) strides 2 same", "max_pooling1d", () -> new MaxPooling1D(3).strides(2).padding("same"), 7, 2),
                new Case("AveragePooling1D()", "average_pooling1d", AveragePooling1D::new, 5, 2),
                new Case("AveragePooling2D(3) strides 2 same", "average_pooling2d",
                        () -> new AveragePooling2D(3).strides(2).padding("same"), 7, 6, 2),
                new Case("GlobalAveragePooling1D()", "global_average_pooling1d", GlobalAveragePooling1D::new, 5, 3),
                new Case("GlobalMaxPooling1D() keepdims", "global_max_pooling1d", () -> new GlobalMaxPooling1D().keepdims(true), 5, 3),
                new Case("GlobalAveragePooling2D() keepdims", "global_average_pooling2d",
                        () -> new GlobalAveragePooling2D().keepdims(true), 3, 4, 2),
                new Case("GlobalMaxPooling2D()", "global_max_pooling2d", GlobalMaxPooling2D::new, 3, 4, 2),
                new Case("Flatten()", "flatten", Flatten::new, 3, 4, 2),
                new Case("Dropout(0.5)", "dropout", () -> new Dropout(0.5), 6),
                new Case("Activation(swish)", "activation", () -> new Activation("swish"), 4, 3),
                new Case("Reshape(-1, 2)", "reshape", () -> new Reshape(-1, 2), 3, 4),
                new Case("Permute(2, 3, 1)", "permute", () -> new Permute(2, 3, 1), 2, 3, 4),
                new Case("RepeatVector(3)", "repeat_vector", () -> new RepeatVector(3), 4),
                new Case("ZeroPadding1D(1, 2)", "zero_padding1d", () -> new ZeroPadding1D(1, 2), 4, 3),
                new Case("ZeroPadding2D(0, 1, 2, 3)", "zero_padding2d", () -> new ZeroPadding2D(0, 1, 2, 3), 3, 4, 2),
                new Case("Cropping1D(1, 2)", "cropping1d", () -> new Cropping1D(1, 2), 6, 3),
                new Case("Cropping2D(1, 0, 2, 1)", "cropping2d", () -> new Cropping2D(1, 0, 2, 1), 5, 6, 2),
                new Case("UpSampling1D(3)", "up_sampling1d", () -> new UpSampling1D(3), 3, 2),
                new Case("UpSampling2D(2, 3)", "up_sampling2d", () -> new UpSampling2D(2, 3), 3, 2, 2),
                new Case("UpSampling2D(2) bilinear", "up_sampling2d", () -> new UpSampling2D(2).interpolation("bilinear"), 3, 4, 2),
                new Case("Rescaling(1/255, -1)", "rescaling", () -> new Rescaling(1.0 / 255, -1), 4, 3),
                new Case("Normalization() adapted", "normalization",
                        () -> new Normalization().adapt(Tensor.randn(9, 10, 4, 3).mul(2).add(1)), 4, 3),
                new Case("Normalization(axis 1, 2) invert", "normalization", () -> new Normalization().axis(1, 2).invert(true), 4, 3),
                new Case("Normalization() given", "normalization", () -> new Normalization().axis().mean(3).variance(2), 5),
                new Case("Resizing(5, 3) bilinear", "resizing", () -> new Resizing(5, 3), 4, 6, 2),
                new Case("Resizing(3, 3) nearest crop", "resizing",
                        () -> new Resizing(3, 3).interpolation("nearest").cropToAspectRatio(true), 4, 6, 2),
                new Case("CenterCrop(3, 2)", "center_crop", () -> new CenterCrop(3, 2), 5, 5, 2),
                new Case("CenterCrop(6, 4) resizes", "center_crop", () -> new CenterCrop(6, 4), 5, 5, 2),
                new Case("RandomFlip()", "random_flip", RandomFlip::new, 4, 5, 2),
                new Case("RandomRotation(0.2)", "random_rotation", () -> new RandomRotation(0.2), 5, 4, 2),
                new Case("RandomZoom(-0.2, 0.3) constant", "random_zoom",
                        () -> new RandomZoom(-0.2, 0.3).fillMode("constant").fillValue(0.5), 5, 4, 2),
                new Case("RandomTranslation(0.2, 0.1) wrap nearest", "random_translation",
                        () -> new RandomTranslation(0.2, 0.1).fillMode("wrap").interpolation("nearest"), 5, 4, 2),
                new Case("RandomCrop(3, 2)", "random_crop", () -> new RandomCrop(3, 2), 5, 4, 2),
                new Case("RandomContrast(0.3)", "random_contrast", () -> new RandomContrast(0.3).valueRange(-10, 10), 4, 4, 2),
                new Case("RandomBrightness(-0.1, 0.2)", "random_brightness",
                        () -> new RandomBrightness(-0.1, 0.2).valueRange(-10, 10), 4, 4, 2),
                new Case("Embedding(7, 4)", "embedding", () -> new Embedding(7, 4), 7, new int[] {5}),
                new Case("Embedding(6, 3) mask_zero", "embedding", () -> new Embedding(6, 3).maskZero(true), 6, new int[] {2, 3}),
                new Case("Masking(0.5)", "masking", () -> new Masking(0.5), 4, 3),
                new Case("SimpleRNN(3)", "simple_rnn", () -> new SimpleRNN(3), 5, 2),
                new Case("SimpleRNN(4, relu) sequences backwards", "simple_rnn",
                        () -> new SimpleRNN(4).activation("relu").returnSequences(true).goBackwards(true), 5, 2),
                new Case("LSTM(3)", "lstm", () -> new LSTM(3), 4, 2),
                new Case("LSTM(2) sequences no bias no forget bias", "lstm",
                        () -> new LSTM(2).returnSequences(true).useBias(false).unitForgetBias(false), 4, 3),
                new Case("LSTM(3) dropout 0.3 recurrent 0.2", "lstm", () -> new LSTM(3).dropout(0.3).recurrentDropout(0.2), 4, 2),
                new Case("LSTM(2) regularized, constrained", "lstm", () -> new LSTM(2).kernelRegularizer(new L2(0.01))
                        .recurrentRegularizer(new L1(0.02)).biasRegularizer(new L1L2(0.01, 0.01)).activityRegularizer(new L2(0.03))
                        .kernelConstraint(new MaxNorm(2.0)).recurrentConstraint(new UnitNorm(0)).biasConstraint(new NonNeg()), 4, 2),
                new Case("Embedding(6, 3) regularized, constrained", "embedding", () -> new Embedding(6, 3)
                        .embeddingsRegularizer(new L2(0.01)).activityRegularizer(new L1(0.01)).embeddingsConstraint(new MaxNorm(1.0)),
                        6, new int[] {4}),
                new Case("GRU(3)", "gru", () -> new GRU(3), 4, 2),
                new Case("GRU(3) reset_before sequences", "gru", () -> new GRU(3).resetAfter(false).returnSequences(true), 4, 2),
                new Case("Bidirectional(LSTM(2) sequences)", "bidirectional",
                        () -> new Bidirectional(new LSTM(2).returnSequences(true)), 4, 3),
                new Case("Bidirectional(GRU(2), sum)", "bidirectional", () -> new Bidirectional(new GRU(2), "sum"), 4, 3),
                new Case("Bidirectional(SimpleRNN(2), mul)", "bidirectional", () -> new Bidirectional(new SimpleRNN(2), "mul"), 3, 2),
                new Case("Bidirectional(LSTM(2), ave)", "bidirectional", () -> new Bidirectional(new LSTM(2), "ave"), 3, 2),
                new Case("MultiHeadAttention(2, 3) self-attention", "multi_head_attention", () -> new MultiHeadAttention(2, 3), 4, 5),
                new Case("MultiHeadAttention(1, 2) value_dim 3, output_shape 2, causal, no bias", "multi_head_attention",
                        () -> new MultiHeadAttention(1, 2).valueDim(3).outputShape(2).useCausalMask(true).useBias(false), 3, 4),
                new Case("IntegerLookup() vocabulary 1, 2, 3", "integer_lookup", () -> new IntegerLookup().vocabulary(1, 2, 3), 5,
                        new int[] {4}),
                new Case("IntegerLookup() count, mask 0", "integer_lookup",
                        () -> new IntegerLookup().maskToken(0L).outputMode("count").vocabulary(1, 3), 5, new int[] {3}),
                new Case("TimeDistributed(Dense(3))", "time_distributed", () -> new TimeDistributed(new Dense(3, "tanh")), 4, 2),
                // Normalization, activation, regularization and noise layers; random gamma/beta/alpha
                // initializers so that the seeded-construction check sees the seed.
                new Case("BatchNormalization() random gamma, beta", "batch_normalization",
                        () -> new BatchNormalization().gammaInitializer("he_uniform").betaInitializer("he_uniform"), 4, 4, 3),
                new Case("BatchNormalization(1) no center, momentum 0.9", "batch_normalization",
                        () -> new BatchNormalization(1).center(false).momentum(0.9).gammaInitializer("he_uniform"), 3, 4),
                new Case("LayerNormalization() random gamma, beta", "layer_normalization",
                        () -> new LayerNormalization().gammaInitializer("he_uniform").betaInitializer("he_uniform"), 3, 4),
                new Case("LayerNormalization(1) middle axis", "layer_normalization",
                        () -> new LayerNormalization(1).gammaInitializer("he_uniform"), 4, 3),
                new Case("GroupNormalization(2) random gamma, beta", "group_normalization",
                        () -> new GroupNormalization(2).gammaInitializer("he_uniform").betaInitializer("he_uniform"), 3, 3, 4),
                new Case("GroupNormalization(-1) axis 1, no scale", "group_normalization",
                        () -> new GroupNormalization(-1).axis(1).scale(false).betaInitializer("he_uniform"), 3, 2, 2),
                new Case("UnitNormalization()", "unit_normalization", UnitNormalization::new, 5),
                new Case("UnitNormalization(1, 2)", "unit_normalization", () -> new UnitNormalization(1, 2), 2, 3),
                new Case("ReLU(6)", "re_lu", () -> new ReLU(6.0), 4, 2),
                new Case("ReLU() slope 0.1 threshold 0.5", "re_lu", () -> new ReLU().negativeSlope(0.1).threshold(0.5), 6),
                new Case("LeakyReLU()", "leaky_re_lu", LeakyReLU::new, 3, 2),
                new Case("PReLU() shared axis 1", "p_re_lu", () -> new PReLU().alphaInitializer("he_uniform").sharedAxes(1), 3, 4),
                new Case("ELU(0.5)", "elu", () -> new ELU(0.5), 5),
                new Case("Softmax()", "softmax", Softmax::new, 4),
                new Case("Softmax(1)", "softmax", () -> new Softmax(1), 3, 4),
                new Case("SpatialDropout1D(0.3)", "spatial_dropout1d", () -> new SpatialDropout1D(0.3), 5, 3),
                new Case("SpatialDropout2D(0.3)", "spatial_dropout2d", () -> new SpatialDropout2D(0.3), 3, 3, 2),
                new Case("GaussianNoise(0.1)", "gaussian_noise", () -> new GaussianNoise(0.1), 6),
                new Case("GaussianDropout(0.2)", "gaussian_dropout", () -> new GaussianDropout(0.2), 6),
                new Case("AlphaDropout(0.2)", "alpha_dropout", () -> new AlphaDropout(0.2), 6),
                new Case("ActivityRegularization(0.01, 0.02)", "activity_regularization",
                        () -> new ActivityRegularization(0.01, 0.02), 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void baseNameIsKeras(Case c) {
        assertEquals(c.baseName(), c.make().get().baseName());
        assertTrue(c.built(SEED).describe().contains("'" + c.baseName() + "'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void configRoundTripsThroughTheLayerRegistry(Case c) {
        Layer layer = c.make().get();
        layer.name("named");
        Config config = layer.getConfig();
        Layer again = Layers.fromConfig(Layers.nameOf(layer), config.copy());
        assertEquals(layer.getClass(), again.getClass());
        assertEquals(config, again.getConfig());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void declaredVariablesAreExactlyTheOnesBuilt(Case c) {
        Layer layer = c.make().get();
        Map<String, Weights.Spec> declared = layer.variableSpecs(List.of(c.inputShape()));
        layer.build(c.inputShape(), SEED);
        Map<String, Variable> built = layer.variablesByPath();
        assertEquals(declared.keySet(), built.keySet());
        declared.forEach((path, spec) -> assertArrayEquals(spec.shape(), built.get(path).shape(), path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aModelOfTheLayerSavesAndLoadsBitIdentically(Case c, @TempDir Path dir) {
        SymbolicTensor in = Input.shape(c.inputShape());
        Model model = new Model(in, c.make().get().apply(in)).seed(SEED);
        Tensor x = c.input(SEED);
        Tensor before = model.predict(x);
        Path file = dir.resolve("layer.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(before.toArray(), loaded.predict(x).toArray(), 0.0);
        assertEquals(model.getWeights().size(), loaded.getWeights().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void inferredOutputShapeIsTheShapeCallProduces(Case c) {
        Layer layer = c.built(SEED);
        int[] inferred = layer.computeOutputShape(c.inputShape());
        assertArrayEquals(inferred, layer.outputShape());
        for (boolean training : new boolean[] {false, true}) {
            int[] actual = layer.call(c.input(1), training).shape();
            assertArrayEquals(inferred, Arrays.copyOfRange(actual, 1, actual.length), "training=" + training);
            assertEquals(BATCH, actual[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void parameterCountIsTheSumOfWeightSizes(Case c) {
        Layer layer = c.built(SEED);
        int sum = 0;
        for (Tensor w : layer.getWeights()) {
            sum += w.size();
        }
        assertEquals(sum, layer.countParams());
        assertEquals(layer.weightNames().size(), layer.getWeights().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void weightsRoundTripAndAreCopiedOut(Case c) {
        Layer source = c.built(SEED);
        Layer target = c.built(SEED + 1);
        target.setWeights(source.getWeights());
        Tensor x = c.input(2);
        assertArrayEquals(source.call(x, false).toArray(), target.call(x, false).toArray(), 0.0);
        List<Tensor> copies = source.getWeights();
        for (int i = 0; i < copies.size(); i++) {
            double[] before = source.getWeights().get(i).toArray();
            Arrays.fill(Storage.data(copies.get(i)), 42.0);
            assertArrayEquals(before, source.getWeights().get(i).toArray(), 0.0, "getWeights must return copies");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void setWeightsWithAWrongCountNamesTheLayer(Case c) {
        Layer layer = c.built(SEED);
        List<Tensor> tooMany = new ArrayList<>(layer.getWeights());
        tooMany.add(Tensor.zeros(1));
        ShapeException e = assertThrows(ShapeException.class, () -> layer.setWeights(tooMany));
        assertTrue(e.getMessage().contains("'" + c.baseName() + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void setWeightsWithAWrongShapeNamesTheLayerAndBothShapes(Case c) {
        Layer layer = c.built(SEED);
        List<Tensor> weights = layer.getWeights();
        assumeTrue(!weights.isEmpty(), "no weights");
        for (int i = 0; i < weights.size(); i++) {
            List<Tensor> wrong = new ArrayList<>(weights);
            int[] shape = weights.get(i).shape();
            int[] bad = shape.length == 0 ? new int[] {2} : shape.clone();
            bad[bad.length - 1] += shape.length == 0 ? 0 : 1;
            wrong.set(i, Tensor.zeros(bad));
            ShapeException e = assertThrows(ShapeException.class, () -> layer.setWeights(wrong));
            assertTrue(e.getMessage().contains("'" + c.baseName() + "'") && e.getMessage().contains(Shapes.format(shape))
                    && e.getMessage().contains(Shapes.format(bad)), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void seededConstructionIsReproducible(Case c) {
        List<Tensor> a = c.built(SEED).getWeights();
        List<Tensor> b = c.built(SEED).getWeights();
        List<Tensor> other = c.built(SEED + 7).getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toArray(), b.get(i).toArray(), 0.0);
        }
        assumeTrue(!c.built(SEED).trainableWeights().isEmpty(), "no trainable weights (statistics do not depend on the seed)");
        assertFalse(Arrays.equals(a.get(0).toArray(), other.get(0).toArray()), "a different seed must give different weights");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsOfInputAndWeightsMatchFiniteDifferences(Case c) {
        Layer layer = c.built(SEED);
        Tensor x = c.differentiableInput(3);
        Tensor mix = Tensor.randn(4, layer.call(x, false).shape());
        List<Tensor> all = new ArrayList<>(layer.trainableWeights());
        if (x.requiresGrad()) {
            all.add(0, x);
        }
        assumeTrue(!all.isEmpty(), "nothing differentiable: token ids in, no weights (a lookup)");
        GradCheck.Result r = GradCheck.check(in -> layer.call(x, false).mul(mix).sum(), all.toArray(new Tensor[0]));
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    /**
     * A tiny loss, mean squared distance to a fixed target, and one plain SGD step on the weights
     * and the input (so that layers without weights are tested too); inference mode, so that a
     * Dropout mask does not change between the two evaluations.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void oneTrainingStepLowersTheLoss(Case c) {
        Layer layer = c.built(SEED);
        Tensor x = c.differentiableInput(5);
        Tensor target = Tensor.randn(6, layer.call(x, false).shape());
        List<Tensor> trained = new ArrayList<>(layer.trainableWeights());
        if (x.requiresGrad()) {
            trained.add(x);
        }
        assumeTrue(!trained.isEmpty(), "nothing to train: token ids in, no weights (a lookup)");
        Tensor loss = layer.call(x, false).sub(target).pow(2).mean();
        double before = loss.item();
        loss.backward();
        for (Tensor t : trained) {
            double[] w = Storage.data(t);
            double[] g = Storage.grad(t);
            for (int i = 0; i < w.length; i++) {
                w[i] -= LEARNING_RATE * g[i];
            }
        }
        double after = layer.call(x, false).sub(target).pow(2).mean().item();
        assertTrue(after < before, "loss " + before + " -> " + after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void inferenceIsSafeFromSeveralThreads(Case c) throws Exception {
        Layer layer = c.built(SEED);
        int calls = 16;
        List<Tensor> inputs = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            inputs.add(c.input(100 + i));
            expected.add(layer.call(inputs.get(i), false).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Tensor x = inputs.get(i);
                results.add(pool.submit(() -> layer.call(x, false).toArray()));
            }
            for (int i = 0; i < calls; i++) {
                assertArrayEquals(expected.get(i), results.get(i).get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void parameterCountsMatchKeras() {
        assertEquals(320, built(new Conv2D(32, 3), 28, 28, 1).countParams());
        assertEquals(18_496, built(new Conv2D(64, 3), 13, 13, 32).countParams());
        assertEquals(288, built(new Conv2D(32, 3).useBias(false), 28, 28, 1).countParams());
        assertEquals(204_928, built(new Dense(128), 1600).countParams());
        assertEquals(0, built(new MaxPooling2D(), 26, 26, 32).countParams());
        assertEquals(0, built(new Flatten(), 5, 5, 64).countParams());
        assertEquals(0, built(new Dropout(0.5), 1600).countParams());
        assertEquals(0, built(new Activation("relu"), 10).countParams());
        assertEquals(64_000, built(new Embedding(1000, 64), 80).countParams());
        assertEquals(1_376, built(new SimpleRNN(32), 30, 10).countParams());
        assertEquals(33_024, built(new LSTM(64), 50, 64).countParams());
        assertEquals(24_960, built(new GRU(64), 50, 64).countParams());
        assertEquals(24_768, built(new GRU(64).resetAfter(false), 50, 64).countParams());
        assertEquals(66_048, built(new Bidirectional(new LSTM(64)), 50, 64).countParams());
        assertEquals(264, built(new TimeDistributed(new Dense(8)), 10, 32).countParams());
    }

    @Test
    void outputShapesMatchKerasForTheClassicMnistConvNet() {
        assertArrayEquals(new int[] {26, 26, 32}, built(new Conv2D(32, 3), 28, 28, 1).outputShape());
        assertArrayEquals(new int[] {13, 13, 32}, built(new MaxPooling2D(), 26, 26, 32).outputShape());
        assertArrayEquals(new int[] {11, 11, 64}, built(new Conv2D(64, 3), 13, 13, 32).outputShape());
        assertArrayEquals(new int[] {5, 5, 64}, built(new MaxPooling2D(), 11, 11, 64).outputShape());
        assertArrayEquals(new int[] {1600}, built(new Flatten(), 5, 5, 64).outputShape());
        assertArrayEquals(new int[] {14, 14, 8}, built(new Conv2D(8, 3).strides(2).padding("same"), 28, 28, 1).outputShape());
    }

    private static Layer built(Layer layer, int... inputShape) {
        layer.build(inputShape, SEED);
        return layer;
    }
}
