package ai.lepton.losses;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The hinge loss, Keras's {@code Hinge}: per element {@code l = max(1 - y p, 0)}, averaged over
 * the last axis for each example, for labels {@code -1} or {@code 1} and predictions that are
 * scores (e.g. a {@code tanh} or linear output). When every label of the batch is 0 or 1 they are
 * read as {@code 2 y - 1}, as Keras does.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1);
 * Tensor loss = new Hinge().compute(y, Tensor.of(new double[] {0.8, -0.3, -0.2}, 3, 1));
 * }</pre>
 */
public final class Hinge extends ElementwiseLoss {
    /** Creates the loss. */
    public Hinge() {
    }

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return margin(yTrue, yPred);
    }

    /**
     * The hinge of each element, shared with {@link SquaredHinge}.
     *
     * @param yTrue the labels, the predictions' shape
     * @param yPred the scores
     * @return {@code max(1 - y p, 0)} with 0/1 labels read as -1/1
     */
    static Tensor margin(Tensor yTrue, Tensor yPred) {
        // TensorFlow's maximum sends the gradient to its first operand on a tie, so a margin of exactly 0 still has one.
        return Maximum.apply(signed(yTrue).mul(yPred).neg().add(1.0), Tensor.scalar(0.0));
    }

    /** Labels that are all 0 or 1 become -1 or 1 (Keras decides for the whole batch). */
    private static Tensor signed(Tensor y) {
        for (double v : Storage.data(y)) {
            if (v != 0.0 && v != 1.0) {
                return y;
            }
        }
        return y.mul(2.0).sub(1.0);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static Hinge fromConfig(Config config) {
        return withReduction(new Hinge(), config);
    }
}
