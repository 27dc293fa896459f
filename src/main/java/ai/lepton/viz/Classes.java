package ai.lepton.viz;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Class indices from labels or predictions, and the names to show for them. */
final class Classes {
    private Classes() {
    }

    /**
     * @param y {@code (n, k)} scores or one-hot rows with {@code k > 1} (the class is the largest
     *        column), or {@code (n,)} / {@code (n, 1)} class indices or binary probabilities
     *        (rounded, so 0.5 and below is class 0) (not modified)
     * @return the class of each row
     * @throws IllegalArgumentException if {@code y} has another rank or a negative value
     */
    static int[] indices(Tensor y) {
        int[] s = y.shape();
        double[] v = y.toArray();
        if (s.length == 2 && s[1] > 1) {
            int[] out = new int[s[0]];
            for (int r = 0; r < s[0]; r++) {
                int best = 0;
                for (int c = 1; c < s[1]; c++) {
                    best = v[r * s[1] + c] > v[r * s[1] + best] ? c : best;
                }
                out[r] = best;
            }
            return out;
        }
        if (s.length != 1 && !(s.length == 2 && s[1] == 1)) {
            throw new IllegalArgumentException("expected (n, classes) scores or (n,) class indices. Received: shape "
                    + Shapes.format(s));
        }
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0)) {
                throw new IllegalArgumentException("value " + v[i] + " at index " + i + " is not a class index");
            }
            out[i] = (int) Math.rint(v[i]);
        }
        return out;
    }

    /**
     * @param predictions the model's output {@code (n, k)}
     * @return {@code k}, or 2 for a single sigmoid column
     */
    static int count(Tensor predictions) {
        int[] s = predictions.shape();
        return s.length == 2 && s[1] > 1 ? s[1] : 2;
    }

    /**
     * @param given names from the data, possibly empty
     * @param count the number of classes
     * @return {@code given} if it names every class, else {@code "0"}, {@code "1"}, ...
     */
    static List<String> names(List<String> given, int count) {
        if (given.size() >= count) {
            return List.copyOf(given);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
