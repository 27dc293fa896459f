package com.example;

import ai.lepton.layers.Dense;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;

/** Trains a two-layer network on XOR, which no single layer can learn, and checks that it did. */
public final class Main {
    private Main() {
    }

    /**
     * Trains and checks.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Tensor x = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
        Sequential model = new Sequential(
                new Dense(8, "tanh").inputShape(2),
                new Dense(1, "sigmoid")).seed(1);
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.create().epochs(500).batchSize(4).verbose(0));
        double accuracy = model.evaluate(x, y).accuracy();
        System.out.println("consumer: XOR accuracy " + accuracy);
        if (accuracy < 1.0) {
            throw new IllegalStateException("the model did not learn XOR: accuracy " + accuracy);
        }
    }
}
