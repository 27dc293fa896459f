package ai.lepton.spark;

import ai.lepton.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one partition sends back for one step: the gradient of its share of the batch's mean loss
 * per weight, and the state of its logs (loss sums, example count, metric states; see
 * {@code EpochLogs.state()}). These arrays are the step's traffic: one double per trainable
 * parameter and partition, plus a few sums.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 2L;

    private final double[][] gradients;
    private final double[] logs;

    /**
     * @param gradients one array per weight, or {@code null} when the partition had no examples (kept, not copied)
     * @param logs the partition's logs state, or {@code null} when it had no examples (kept)
     */
    StepResult(double[][] gradients, double[] logs) {
        this.gradients = gradients;
        this.logs = logs;
    }

    /**
     * Sums the partitions' gradients in partition order, so that a step's sum, and so training,
     * is the same bit for bit whatever order the tasks finish in.
     *
     * @param parts the results, in partition order (not modified)
     * @param like the weights, for the shapes (not modified)
     * @return the summed gradients as tensors shaped like the weights
     */
    static List<Tensor> gradientSum(List<StepResult> parts, List<Tensor> like) {
        double[][] total = null;
        for (StepResult p : parts) {
            if (p.gradients == null) {
                continue;
            }
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
        List<Tensor> out = new ArrayList<>(like.size());
        for (int i = 0; i < like.size(); i++) {
            out.add(total == null ? Tensor.zeros(like.get(i).shape()) : Tensor.of(total[i], like.get(i).shape()));
        }
        return out;
    }

    /** @return the partition's logs state, or {@code null} when it had no examples */
    double[] logs() {
        return logs;
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
}
