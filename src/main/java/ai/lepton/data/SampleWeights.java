package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Map;

/**
 * Per-example weights for training and evaluation: their checks, and Keras's conversion of class
 * weights into sample weights ({@code class_weight_to_sample_weights}), where each example weighs
 * what its class weighs and a class missing from the map weighs 1.
 *
 * <pre>{@code
 * Tensor labels = Tensor.of(new double[] {0, 1, 1, 2}, 4);
 * Tensor w = SampleWeights.fromClassWeight(labels, Map.of(1, 5.0));   // [1, 5, 5, 1]
 * }</pre>
 */
public final class SampleWeights {
    private SampleWeights() {
    }

    /**
     * The weight of each example's class: the label itself for class indices {@code (n,)} or
     * {@code (n, 1)} (rounded, so that a sigmoid's 0/1 targets are classes 0 and 1), the index of
     * the largest value for one-hot rows {@code (n, classes)} (the first on a tie).
     *
     * @param y the labels (not modified)
     * @param classWeight the weight of each class index; a class not in the map weighs 1 (not modified)
     * @return the weights, {@code (n,)}
     * @throws IllegalArgumentException if the labels do not give one class per example, or a
     *         class's weight is negative or not finite
     */
    public static Tensor fromClassWeight(Tensor y, Map<Integer, Double> classWeight) {
        checkClassWeight(classWeight);
        int[] shape = y.shape();
        boolean indices = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!indices && shape.length != 2) {
            throw new IllegalArgumentException("classWeight needs one class per example, from labels of shape (n,), (n, 1) "
                    + "or one-hot (n, classes). Received labels of shape " + Shapes.format(shape)
                    + "; give a sampleWeight instead");
        }
        double[] labels = y.toArray();
        int n = shape[0];
        int width = indices ? 1 : shape[1];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            int label = indices ? (int) Math.rint(labels[i]) : argmax(labels, i * width, width);
            Double w = classWeight.get(label);
            weights[i] = w == null ? 1.0 : w;
        }
        return Tensor.of(weights, n);
    }

    /**
     * Checks a class-weight map on its own: every key a class index, every weight finite and not negative.
     *
     * @param classWeight the weight of each class index (not modified)
     * @throws IllegalArgumentException naming the bad entry
     */
    public static void checkClassWeight(Map<Integer, Double> classWeight) {
        if (classWeight == null) {
            throw new IllegalArgumentException("classWeight must be a map from class index to weight. Received: null");
        }
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            Integer key = e.getKey();
            Double w = e.getValue();
            if (key == null || key < 0) {
                throw new IllegalArgumentException("classWeight keys must be class indices, 0 or more. Received: "
                        + classWeight);
            }
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("classWeight of class " + key
                        + " must be a finite weight, 0 or more. Received: " + classWeight);
            }
        }
    }

    /**
     * Checks a class-weight map against a model's classes, as {@code fit} does before training.
     *
     * @param classWeight the weight of each class index (not modified)
     * @param classes the number of classes the model's output tells apart (2 for one sigmoid unit)
     * @param owner who checks, e.g. {@code "fit"}, for the message
     * @throws IllegalArgumentException if a key is not a class of the model
     */
    public static void checkClassWeight(Map<Integer, Double> classWeight, int classes, String owner) {
        checkClassWeight(classWeight);
        for (Integer key : classWeight.keySet()) {
            if (key >= classes) {
                throw new IllegalArgumentException(owner + ": classWeight has class " + key + ", but the model's output has "
                        + classes + " classes (0 to " + (classes - 1) + "). Received: classWeight=" + classWeight);
            }
        }
    }

    /**
     * Checks sample weights against the examples they weigh.
     *
     * @param owner who checks, e.g. {@code "fit"}, for the message
     * @param weights the weights, one row per example (not modified)
     * @param examples the number of examples
     * @return {@code weights}
     * @throws IllegalArgumentException if the number of rows differs, or a weight is negative or not finite
     */
    public static Tensor check(String owner, Tensor weights, int examples) {
        int[] shape = weights.shape();
        if (shape.length == 0 || shape[0] != examples) {
            throw new IllegalArgumentException(owner + ": sampleWeight of shape " + Shapes.format(shape) + " must have one row "
                    + "per example, (" + examples + ",), for " + examples + " examples");
        }
        return checkValues(owner, weights);
    }

    /**
     * Checks sample weights on their own, before the examples they weigh are known.
     *
     * @param owner who checks, e.g. {@code "fit"}, for the message
     * @param weights the weights, one row per example (not modified)
     * @return {@code weights}
     * @throws IllegalArgumentException if the weights are a scalar, or a weight is negative or not finite
     */
    public static Tensor checkValues(String owner, Tensor weights) {
        if (weights == null || weights.rank() == 0) {
            throw new IllegalArgumentException(owner + ": sampleWeight must have one row per example, (n,). Received: "
                    + (weights == null ? "null" : "a scalar"));
        }
        double[] w = weights.toArray();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new IllegalArgumentException(owner + ": sampleWeight must be finite and not negative; the value at flat "
                        + "index " + i + " is " + w[i]);
            }
        }
        return weights;
    }

    private static int argmax(double[] values, int from, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (values[from + j] > values[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
