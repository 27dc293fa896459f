package ai.lepton.viz;

import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The number of classes a model predicts, and the names to show for them. */
final class Classes {
    private Classes() {
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
