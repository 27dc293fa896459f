package ai.lepton.spark;

import ai.lepton.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one partition sends back for one step, and the sum over partitions: the gradient of its
 * share of the batch's mean loss per weight, the sum of the per-example losses and of each
 * metric's per-example values, and the number of examples. These arrays are the step's traffic:
 * one double per trainable parameter and partition.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[][] gradients;
    private final double lossSum;
    private final double[] metricSums;
    private final long count;

    /**
     * @param gradients one array per weight, or {@code null} when the partition had no examples (kept, not copied)
     * @param lossSum the sum of the per-example losses
     * @param metricSums per metric, the sum of its per-example values (kept)
     * @param count the number of examples
     */
    StepResult(double[][] gradients, double lossSum, double[] metricSums, long count) {
        this.gradients = gradients;
        this.lossSum = lossSum;
        this.metricSums = metricSums;
        this.count = count;
    }

    /**
     * Sums the partitions' results in partition order, so that a step's sum, and so training,
     * is the same bit for bit whatever order the tasks finish in.
     *
     * @param parts the results, in partition order (not modified)
     * @param metrics the number of metrics
     * @return the sum
     */
    static StepResult sum(List<StepResult> parts, int metrics) {
        double[][] total = null;
        double loss = 0;
        double[] sums = new double[metrics];
        long n = 0;
        for (StepResult p : parts) {
            if (p.gradients != null) {
                if (total == null) {
                    total = new double[p.gradients.length][];
                    for (int i = 0; i < total.length; i++) {
                        total[i] = p.gradients[i].clone();
                    }
                } else {
                    for (int i = 0; i < total.length; i++) {
                        double[] t = total[i];
                        double[] g = p.gradients[i];
                        for (int k = 0; k < t.length; k++) {
                            t[k] += g[k];
                        }
                    }
                }
            }
            loss += p.lossSum;
            for (int m = 0; m < metrics; m++) {
                sums[m] += p.metricSums[m];
            }
            n += p.count;
        }
        return new StepResult(total, loss, sums, n);
    }

    /**
     * @param like the weights, for the shapes (not modified)
     * @return the summed gradients as tensors shaped like the weights
     */
    List<Tensor> gradients(List<Tensor> like) {
        List<Tensor> out = new ArrayList<>(like.size());
        for (int i = 0; i < like.size(); i++) {
            out.add(Tensor.of(gradients[i], like.get(i).shape()));
        }
        return out;
    }

    /** @return the number of gradient values, i.e. of trainable parameters (0 if none were computed) */
    long parameterCount() {
        long n = 0;
        if (gradients != null) {
            for (double[] g : gradients) {
                n += g.length;
            }
        }
        return n;
    }

    double lossSum() {
        return lossSum;
    }

    double metricSum(int m) {
        return metricSums[m];
    }

    long count() {
        return count;
    }
}
