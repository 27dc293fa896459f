package ai.lepton.viz;

import ai.lepton.data.Dataset;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** A tiny image task for the viz tests: 8x8 noisy pictures of a vertical or a horizontal bar. */
final class Bars {
    static final int SIDE = 8;
    static final List<String> NAMES = List.of("vertical", "horizontal");

    private Bars() {
    }

    /** @return {@code n} images {@code (n, 8, 8, 1)} with labels {@code (n,)}, alternating classes, named */
    static Dataset data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * SIDE * SIDE];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            int line = random.nextInt(SIDE);
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean on = y[i] == 0 ? c == line : r == line;
                    x[(i * SIDE + r) * SIDE + c] = (on ? 0.8 : 0.0) + 0.2 * random.nextDouble();
                }
            }
        }
        return Dataset.of(Tensor.of(x, n, SIDE, SIDE, 1), Tensor.of(y, n), NAMES);
    }

    /** @return a compiled small CNN for the task */
    static Sequential model() {
        Sequential model = new Sequential(
                new Conv2D(4, 3, "relu").inputShape(SIDE, SIDE, 1),
                new Flatten(),
                new Dense(2, "softmax")).seed(7);
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }
}
