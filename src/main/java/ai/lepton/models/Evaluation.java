package ai.lepton.models;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Model#evaluate} returns: the loss and the compiled metrics over all the
 * examples given, each batch weighted by its size.
 *
 * <pre>{@code
 * Evaluation e = model.evaluate(xTest, yTest);
 * System.out.printf("loss %.4f, accuracy %.4f%n", e.loss(), e.accuracy());
 * }</pre>
 */
public final class Evaluation {
    private final Map<String, Double> values;

    /** @param values the loss under {@code "loss"} and each metric under its name (copied) */
    public Evaluation(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** @return the mean loss */
    public double loss() {
        return metric("loss");
    }

    /**
     * @return the accuracy, when the model was compiled with {@code "accuracy"} (or {@code "acc"})
     * @throws IllegalArgumentException if it was not
     */
    public double accuracy() {
        return values.containsKey("acc") && !values.containsKey("accuracy") ? metric("acc") : metric("accuracy");
    }

    /**
     * @param name a metric's name as compiled, or {@code "loss"}
     * @return its value
     * @throws IllegalArgumentException if there is no such metric, listing the ones there are
     */
    public double metric(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Evaluation has no metric '" + name + "'; it has " + values.keySet()
                    + " (metrics are the ones given to compile)");
        }
        return v;
    }

    /** @return every value by name, sorted */
    public Map<String, Double> values() {
        return values;
    }

    @Override
    public String toString() {
        return "Evaluation" + values;
    }
}
