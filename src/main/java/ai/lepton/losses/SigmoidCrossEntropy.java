package ai.lepton.losses;

import ai.lepton.autograd.Op;
import ai.lepton.tensor.Tensor;

/**
 * Binary cross-entropy from logits, fused through the log-sigmoid and stable for any logit
 * (TensorFlow's {@code sigmoid_cross_entropy_with_logits}):
 * {@code l = max(z, 0) - z y + log(1 + e^-|z|)}, {@code dl/dz = sigmoid(z) - y}.
 * The labels are constants: no gradient flows to them.
 */
final class SigmoidCrossEntropy extends Op {
    private final double[] z;
    private final double[] y;

    private SigmoidCrossEntropy(double[] z, double[] y) {
        this.z = z;
        this.y = y;
    }

    /**
     * @param labels the targets in {@code [0, 1]}, the logits' shape
     * @param logits the pre-sigmoid values
     * @return the elementwise cross-entropies, the logits' shape
     */
    static Tensor apply(Tensor labels, Tensor logits) {
        double[] z = data(logits);
        double[] y = data(labels);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return new SigmoidCrossEntropy(z, y).output(out, shape(logits), logits);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        double[] dz = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double s = z[i] >= 0 ? 1.0 / (1.0 + Math.exp(-z[i])) : Math.exp(z[i]) / (1.0 + Math.exp(z[i]));
            dz[i] = gradOut[i] * (s - y[i]);
        }
        return new double[][] {dz};
    }
}
