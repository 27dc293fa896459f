package ai.lepton.io.keras;

import ai.lepton.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything of a model that a Keras file holds, as the model package hands it over for writing.
 *
 * @param model Lepton's {@code {"class_name", "config"}} of the model
 * @param tree the model's layers, shapes and weights in Keras's order
 * @param values each weight's values by its path
 * @param compile the compile settings, or {@code null} for a model that is not compiled
 * @param optimizerShapes the shapes of the weights the optimizer keeps slots for, in its order (the trainable
 *        weights in the model's order, unless a layer was frozen after training)
 * @param slots the optimizer's slots in Lepton's order (per weight, each slot), or {@code null} before its first step
 */
public record ModelContents(Config model, LayerNode tree, Map<String, double[]> values, KerasCompile compile,
        List<int[]> optimizerShapes, List<double[]> slots) {
    /**
     * Copies the collections (not the arrays in them).
     *
     * @param model the model's description
     * @param tree its layers
     * @param values the weights' values by path
     * @param compile the compile settings, or {@code null}
     * @param optimizerShapes the shapes of the weights the optimizer keeps slots for
     * @param slots the optimizer's slots, or {@code null}
     */
    public ModelContents {
        values = Map.copyOf(values);
        optimizerShapes = new ArrayList<>(optimizerShapes);
        slots = slots == null ? null : List.copyOf(slots);
    }
}
