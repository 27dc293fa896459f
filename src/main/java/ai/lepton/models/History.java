package ai.lepton.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link Model#fit} returns, as Keras's {@code History}: the loss and every metric per
 * epoch, under Keras's keys ({@code loss}, {@code accuracy}, {@code val_loss}, ...).
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.create().epochs(10).validationSplit(0.2));
 * double last = h.loss().get(h.loss().size() - 1);
 * List<Double> valAccuracy = h.metric("val_accuracy");
 * }</pre>
 */
public final class History implements Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new TreeMap<>();

    /** An empty history; {@link Model#fit} fills it. */
    public History() {
    }

    /** Records one epoch's logs. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** @return the training loss per epoch */
    public List<Double> loss() {
        return metric("loss");
    }

    /**
     * @param key e.g. {@code "accuracy"}, {@code "val_loss"}
     * @return the values per epoch
     * @throws IllegalArgumentException if nothing was recorded under that key, listing the keys
     */
    public List<Double> metric(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; recorded keys: " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** @return the 0-based epochs recorded, in order */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return the recorded keys, sorted */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** @return every key's values, keys sorted (a copy) */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
