package ai.lepton.callbacks;

import ai.lepton.layers.Dense;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;

/** The callback tests' problem: a one-weight linear model {@code y = w x} that should learn w = 2. */
final class Line {
    static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 4, 1);
    static final Tensor Y = Tensor.of(new double[] {2, 4, 6, 8}, 4, 1);

    private Line() {
    }

    /** A model starting at w = 1, trained by SGD at a learning rate. */
    static Sequential model(double lr) {
        Sequential model = new Sequential(new Dense(1).useBias(false).kernelInitializer("ones").inputShape(1));
        model.compile(new SGD(lr), "mse");
        return model;
    }

    /** Full-batch, in order, silent. */
    static FitOptions quiet(int epochs, Callback... callbacks) {
        return FitOptions.create().epochs(epochs).batchSize(4).shuffle(false).verbose(0).callbacks(callbacks);
    }
}
