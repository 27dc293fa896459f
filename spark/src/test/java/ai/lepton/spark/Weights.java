package ai.lepton.spark;

import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: comparing two models' weights, and tensors as Spark records. */
final class Weights {
    private Weights() {
    }

    /**
     * @param expected the reference weights
     * @param actual the weights to compare
     * @return the largest, over the weight tensors, of {@code max|actual - expected| / max|expected|}
     */
    static double maxRelativeError(List<Tensor> expected, List<Tensor> actual) {
        if (expected.size() != actual.size()) {
            throw new AssertionError(expected.size() + " weights vs " + actual.size());
        }
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i).toArray();
            double[] a = actual.get(i).toArray();
            double diff = 0;
            double scale = 0;
            for (int k = 0; k < e.length; k++) {
                diff = Math.max(diff, Math.abs(a[k] - e[k]));
                scale = Math.max(scale, Math.abs(e[k]));
            }
            worst = Math.max(worst, diff / Math.max(scale, Double.MIN_NORMAL));
        }
        return worst;
    }

    /**
     * @param x inputs {@code (n, ...)}
     * @param y labels {@code (n,)} or {@code (n, k)}
     * @return one example per row
     */
    static List<LabeledExample> examples(Tensor x, Tensor y) {
        int n = x.shape()[0];
        int fs = x.size() / n;
        int ls = y.size() / n;
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        List<LabeledExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(LabeledExample.of(Arrays.copyOfRange(xs, i * fs, (i + 1) * fs),
                    Arrays.copyOfRange(ys, i * ls, (i + 1) * ls)));
        }
        return out;
    }
}
