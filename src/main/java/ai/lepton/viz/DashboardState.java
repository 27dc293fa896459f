package ai.lepton.viz;

import ai.lepton.models.History;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Dashboard} shows, written by the training thread and read by the server thread
 * (every method is synchronized): the epochs so far, the running loss over the current epoch's
 * batches, where training is, and the learning rate.
 */
final class DashboardState {
    /** The dashboard's curves are narrower than a report's, to fit two panels and the batch plot on a screen. */
    private static final int PANEL_WIDTH = 420;
    private static final int HEIGHT = 320;

    private String status = "waiting";
    private History history = new History();
    private Map<String, Double> lastLogs = Map.of();
    private final List<Double> batchLoss = new ArrayList<>();
    private int epoch = -1;
    private int batch = -1;
    private double learningRate = Double.NaN;

    synchronized void trainBegin() {
        status = "training";
        history = new History();
        lastLogs = Map.of();
        epoch = -1;
        batch = -1;
        batchLoss.clear();
    }

    synchronized void epochBegin(int index, double lr) {
        epoch = index;
        batch = -1;
        learningRate = lr;
        batchLoss.clear();
    }

    synchronized void batchEnd(int index, Map<String, Double> logs, double lr) {
        batch = index;
        learningRate = lr;
        batchLoss.add(logs.getOrDefault("loss", Double.NaN));
    }

    synchronized void epochEnd(int index, Map<String, Double> logs) {
        history.onEpochEnd(index, logs);
        lastLogs = new TreeMap<>(logs);
    }

    synchronized void trainEnd() {
        status = "finished";
    }

    /**
     * @return {@code {"status", "epoch", "batch", "learningRate", "epochsDone", "logs": {...},
     *         "curves": "<svg...>", "batches": "<svg...>"}}; numbers that are not finite are {@code null}
     */
    synchronized String json() {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("status").value(status);
            json.name("epoch").value(epoch);
            json.name("batch").value(batch);
            number(json.name("learningRate"), learningRate);
            json.name("epochsDone").value(history.epochs().size());
            json.name("logs").beginObject();
            for (Map.Entry<String, Double> e : lastLogs.entrySet()) {
                number(json.name(e.getKey()), e.getValue());
            }
            json.endObject();
            json.name("curves").value(SvgCurves.of(Panel.of(history), PANEL_WIDTH, HEIGHT));
            json.name("batches").value(SvgCurves.of(List.of(batchPanel()), PANEL_WIDTH, HEIGHT));
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private Panel batchPanel() {
        double[] x = new double[batchLoss.size()];
        double[] y = new double[batchLoss.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = batchLoss.get(i);
        }
        String title = epoch < 0 ? "loss in this epoch" : "loss in epoch " + (epoch + 1) + " (running mean)";
        return new Panel(title, "batch", List.of(new Panel.Series("loss", x, y, false)));
    }

    private static void number(JsonWriter json, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.value(v);
        } else {
            json.nullValue();
        }
    }
}
