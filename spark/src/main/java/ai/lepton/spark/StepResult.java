package ai.lepton.spark;

import ai.lepton.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one partition sends back for one step: the gradient of its share of the batch's mean loss
 * per weight, the state of its logs (loss sums, example count, metric states; see
 * {@code EpochLogs.state()}), and its share of the moving statistics its layers updated (each
 * value times the partition's share of the batch, so that their sum is the example-weighted mean,
 * which for a moving mean is exactly the update the whole batch would have made). These arrays are
 * the step's traffic: one double per trainable parameter and moving statistic and partition, plus
 * a few sums.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 3L;

    private final double[][] gradients;
    private final double[] logs;
    private final double[][] statistics;

    /**
     * @param gradients one array per weight, or {@code null} when the partition had no examples (kept, not copied)
     * @param logs the partition's logs state, or {@code null} when it had no examples (kept)
     * @param statistics the partition's share of each moving statistic, or {@code null} when it had
     *        no examples (kept)
     */
    StepResult(double[][] gradients, double[] logs, double[][] statistics) {
        this.gradients = gradients;
        this.logs = logs;
        this.statistics = statistics;
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
        return sum(parts.stream().map(p -> p.gradients).toList(), like);
    }

    /**
     * Sums the partitions' shares of the moving statistics in partition order: their
     * example-weighted mean.
     *
     * @param parts the results, in partition order (not modified)
     * @param like the statistics' current values, for the shapes (not modified)
     * @return the new values
     */
    static List<Tensor> statisticsSum(List<StepResult> parts, List<Tensor> like) {
        return sum(parts.stream().map(p -> p.statistics).toList(), like);
    }

    /** Sums arrays in list order, skipping the {@code null}s of partitions without examples. */
    private static List<Tensor> sum(List<double[][]> arrays, List<Tensor> like) {
        double[][] total = null;
        for (double[][] a : arrays) {
            if (a == null) {
                continue;
            }
            if (total == null) {
                total = new double[a.length][];
                for (int i = 0; i < total.length; i++) {
                    total[i] = a[i].clone();
                }
            } else {
                for (int i = 0; i < total.length; i++) {
                    double[] t = total[i];
                    double[] g = a[i];
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
