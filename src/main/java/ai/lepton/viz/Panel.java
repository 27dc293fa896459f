package ai.lepton.viz;

import ai.lepton.models.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One plot of the training curves: a quantity ({@code loss}, {@code accuracy}, ...) per epoch, for
 * training and, when there is one, validation.
 *
 * @param title the quantity, e.g. {@code "loss"}
 * @param xLabel what the horizontal axis counts: {@code "epoch"} or {@code "batch"}
 * @param series the training series first, then the validation series if any
 */
record Panel(String title, String xLabel, List<Series> series) {
    private static final String VALIDATION = "val_";

    /**
     * One line of a panel.
     *
     * @param name the History key, e.g. {@code "val_loss"}
     * @param x the 1-based epoch (or batch) of each value
     * @param values the values
     * @param validation whether the values come from the validation data
     */
    record Series(String name, double[] x, double[] values, boolean validation) {
    }

    /**
     * Groups a history's keys into panels: {@code loss} first, then the other quantities sorted,
     * each with its {@code val_} counterpart.
     */
    static List<Panel> of(History history) {
        Map<String, List<Series>> byTitle = new TreeMap<>((a, b) -> a.equals(b) ? 0
                : a.equals("loss") ? -1 : b.equals("loss") ? 1 : a.compareTo(b));
        List<Integer> epochs = history.epochs();
        for (Map.Entry<String, List<Double>> e : history.asMap().entrySet()) {
            String key = e.getKey();
            boolean validation = key.startsWith(VALIDATION);
            String title = validation ? key.substring(VALIDATION.length()) : key;
            List<Double> v = e.getValue();
            double[] x = new double[v.size()];
            double[] y = new double[v.size()];
            for (int i = 0; i < v.size(); i++) {
                x[i] = i < epochs.size() ? epochs.get(i) + 1 : i + 1;
                y[i] = v.get(i);
            }
            byTitle.computeIfAbsent(title, t -> new ArrayList<>()).add(new Series(key, x, y, validation));
        }
        List<Panel> panels = new ArrayList<>();
        byTitle.forEach((title, series) -> {
            series.sort((a, b) -> Boolean.compare(a.validation(), b.validation()));
            panels.add(new Panel(title, "epoch", List.copyOf(series)));
        });
        return panels;
    }
}
