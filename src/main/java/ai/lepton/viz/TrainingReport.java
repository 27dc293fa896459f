package ai.lepton.viz;

import ai.lepton.data.Dataset;
import ai.lepton.models.Callback;
import ai.lepton.models.History;
import ai.lepton.models.Model;
import ai.lepton.models.TrainingParams;
import ai.lepton.optimizers.Optimizer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
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
    private TrainingParams params;
    private long started;

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

    @Override
    public void setParams(TrainingParams trainingParams) {
        params = trainingParams;
    }

    /** Starts a new history, so a second {@code fit} with the same report describes that run. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        history = new History();
        started = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        history.onEpochEnd(epoch, logs);
    }

    /** Writes the report. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        String heading = title == null ? "Training report: " + model.name() : title;
        String run = String.format(Locale.ROOT, "Trained with %s, batch size %d, %d epochs of %d steps, in %.1f s.",
                describe(model.optimizer()), params.batchSize(), history.epochs().size(), params.stepsPerEpoch(),
                (System.nanoTime() - started) / 1e9);
        Output.text(ReportPage.html(heading, run, model, history, data, samples), file);
    }

    /** e.g. {@code Adam(learning_rate=0.001, beta_1=0.9, ...)}: the optimizer's class and the settings it has. */
    private static String describe(Optimizer optimizer) {
        StringBuilder text = new StringBuilder(optimizer.getClass().getSimpleName()).append('(');
        optimizer.getConfig().asMap().forEach((key, value) -> {
            if (value != null) {
                text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ").append(key).append('=').append(value);
            }
        });
        return text.append(')').toString();
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
        String run = model.optimizer() == null ? "" : "Trained with " + describe(model.optimizer()) + ".";
        Output.text(ReportPage.html(title, run, model, history, data, samples), file);
    }
}
