package ai.lepton.viz;

import ai.lepton.data.Dataset;
import ai.lepton.models.Callback;
import ai.lepton.models.History;
import ai.lepton.models.Model;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A callback that writes one self-contained HTML file when training ends, to share a run as a
 * file: the evaluation on the given data, the loss and metric curves, and for a classifier the
 * confusion matrix and (for images) a grid of predictions with the mistakes marked; the first
 * convolution's filters if there is one; and the model summary. The page needs no network and runs
 * no script: pictures are inline SVG or base64 PNG.
 *
 * <pre>{@code
 * model.fit(train.x(), train.y(), FitOptions.create().epochs(10).validationSplit(0.1)
 *         .callbacks(new TrainingReport(Path.of("target/report.html"), test)));
 * }</pre>
 */
public final class TrainingReport implements Callback {
    private final Path file;
    private final Dataset data;
    private String title;
    private int samples = 32;
    private Model model;
    private History history = new History();

    /**
     * @param file the HTML file to (over)write at the end of training; missing folders are made
     * @param data the examples to evaluate on and show, e.g. the test set (with its class names)
     */
    public TrainingReport(Path file, Dataset data) {
        this.file = file;
        this.data = data;
    }

    /**
     * @param text the page's heading (default "Training report: " and the model's name)
     * @return this report
     */
    public TrainingReport title(String text) {
        title = text;
        return this;
    }

    /**
     * @param n how many examples the prediction grid shows, at least 1 (default 32)
     * @return this report
     */
    public TrainingReport samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("TrainingReport: samples must be at least 1. Received: samples=" + n);
        }
        samples = n;
        return this;
    }

    /** @return the file the report is written to */
    public Path file() {
        return file;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    /** Starts a new history, so a second {@code fit} with the same report describes that run. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        history = new History();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        history.onEpochEnd(epoch, logs);
    }

    /** Writes the report. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        write(file, model, history, data, title == null ? "Training report: " + model.name() : title, samples);
    }

    /**
     * Writes a report for a model trained earlier, without the callback.
     *
     * <pre>{@code
     * History history = model.fit(x, y, FitOptions.create().epochs(5));
     * TrainingReport.write(Path.of("report.html"), model, history, test, "Digits CNN", 32);
     * }</pre>
     *
     * @param file the HTML file to (over)write; missing folders are made
     * @param model a trained model
     * @param history what its {@code fit} returned
     * @param data the examples to evaluate on and show
     * @param title the page's heading
     * @param samples how many examples the prediction grid shows
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Model model, History history, Dataset data, String title, int samples) {
        Output.text(ReportPage.html(title, model, history, data, samples), file);
    }
}
