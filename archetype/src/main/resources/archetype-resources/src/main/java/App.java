package ${package};

import ai.lepton.layers.Dense;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;

/** Trains a small classifier on a toy problem and prints its accuracy. */
public final class App {
    private App() {
    }

    /**
     * Builds, trains and evaluates the model.
     *
     * @return the accuracy on the training data
     */
    public static double train() {
        // 200 examples with 4 features, labelled 0, 1 or 2 by a hidden linear rule.
        Tensor x = Tensor.randn(1, 200, 4);
        Tensor y = x.matmul(Tensor.randn(2, 4, 3)).argmax(1);
        Sequential model = new Sequential(
                new Dense(32, "relu").inputShape(4),
                new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.create().epochs(30).batchSize(16).verbose(0));
        return model.evaluate(x, y).accuracy();
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.printf("accuracy: %.3f%n", train());
    }
}
