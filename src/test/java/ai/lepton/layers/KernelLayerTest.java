package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KernelLayer's regularizers, activity regularizer and constraints, in a layer and in training. */
class KernelLayerTest {
    /** The model fixture's loss and step are a few dozen operations in double precision on both sides. */
    private static final double TOLERANCE = 1e-13;

    @Test
    void regularizersAndConstraintsAreDeclaredWithTheirWeights() {
        Dense dense = new Dense(3).kernelRegularizer("l2").biasRegularizer(new L1(0.5)).kernelConstraint("max_norm")
                .biasConstraint(new NonNeg());
        dense.build(new int[] {4}, 1L);
        Variable kernel = dense.variablesByPath().get("kernel");
        Variable bias = dense.variablesByPath().get("bias");
        assertInstanceOf(L2.class, kernel.regularizer());
        assertInstanceOf(MaxNorm.class, kernel.constraint());
        assertEquals(0.5, ((L1) bias.regularizer()).l1());
        assertInstanceOf(NonNeg.class, bias.constraint());
        assertEquals(2, dense.regularizationLosses().size());
        dense.trainable(false);
        assertTrue(dense.regularizationLosses().isEmpty(), "a frozen layer adds no penalty, as in Keras");
    }

    @Test
    void configHoldsThemAsKerasNestedConfigsAndRoundTrips() {
        Conv2D conv = new Conv2D(4, 3).kernelRegularizer(new L1L2(0.1, 0.2)).activityRegularizer("l1")
                .kernelConstraint(new MaxNorm(2.0, 0, 1, 2)).biasConstraint("non_neg");
        Config config = conv.getConfig();
        assertEquals("L1L2", config.getConfig("kernel_regularizer").getString("class_name"));
        assertEquals(0.01, config.getConfig("activity_regularizer").getConfig("config").getDouble("l1"));
        assertEquals("NonNeg", config.getConfig("bias_constraint").getString("class_name"));
        assertNull(config.get("bias_regularizer"), "an unset regularizer is not written");
        Layer again = Layers.fromConfig("Conv2D", config.copy());
        assertEquals(config, again.getConfig());
    }

    @Test
    void theActivityPenaltyIsAddedWhileRunningDividedByTheBatchSize() {
        Dense dense = new Dense(2).activityRegularizer(new L2(0.5)).useBias(false);
        dense.build(new int[] {2}, 1L);
        dense.setWeights(List.of(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2)));
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        try (LossScope scope = LossScope.open()) {
            dense.call(x, true);
            assertEquals(1, scope.losses().size());
            assertEquals(0.5 * (1 + 4 + 9 + 16) / 2, scope.losses().get(0).item(), 1e-15);
        }
    }

    /**
     * The logged loss of one training step is the compiled loss plus every penalty (weights'
     * and activities'), as Keras's {@code compute_loss}, and the step then projects the
     * constrained weights: against make_regularization.py's computation of the same model.
     */
    @Test
    void theLoggedLossIncludesEveryPenaltyAndConstraintsFollowTheStep() {
        JsonObject fixture = LayerGolden.read("regularization.json").getAsJsonObject("model");
        SymbolicTensor in = Input.shape(3);
        Dense hidden = new Dense(2, "tanh").kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.02))
                .activityRegularizer(new L1L2(0.001, 0.002)).kernelConstraint(new MaxNorm(0.5));
        Dense out = new Dense(1).kernelRegularizer(new L1L2(0.01, 0.02)).biasConstraint(new NonNeg());
        Model model = new Model(in, out.apply(new ActivityRegularization(0.003, 0.004).apply(hidden.apply(in))));
        model.compile(new SGD(0.1), "mse");
        model.setWeights(tensors(fixture, "weights"));
        History history = model.fit(LayerGolden.tensor(fixture.getAsJsonObject("x")), LayerGolden.tensor(fixture.getAsJsonObject("y")),
                FitOptions.create().epochs(1).batchSize(4).shuffle(false).verbose(0));
        double expected = fixture.get("loss").getAsDouble();
        assertEquals(expected, history.loss().get(0), TOLERANCE * Math.abs(expected));
        List<Tensor> after = tensors(fixture, "weights_after");
        for (int i = 0; i < after.size(); i++) {
            LayerGolden.assertClose(after.get(i), model.getWeights().get(i), TOLERANCE, "weight " + i + " after the step");
        }
        assertTrue(model.getWeights().get(3).item() >= 0, "NonNeg applied to the output bias");
    }

    @Test
    void aModelWithRegularizersSavesAndLoadsThem(@TempDir Path dir) {
        SymbolicTensor in = Input.shape(3);
        Model model = new Model(in, new Dense(2).kernelRegularizer(new L2(0.25)).kernelConstraint(new UnitNorm()).apply(in));
        Path file = dir.resolve("regularized.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        Variable kernel = loaded.layers().get(1).variablesByPath().get("kernel");
        assertEquals(0.25, ((L2) kernel.regularizer()).l2());
        assertInstanceOf(UnitNorm.class, kernel.constraint());
    }

    private static List<Tensor> tensors(JsonObject fixture, String key) {
        List<Tensor> out = new ArrayList<>();
        fixture.getAsJsonArray(key).forEach(e -> out.add(LayerGolden.tensor(e.getAsJsonObject())));
        return out;
    }
}
