package ai.lepton.viz;

import ai.lepton.data.Dataset;
import ai.lepton.layers.Conv2D;
import ai.lepton.metrics.ConfusionMatrix;
import ai.lepton.models.Evaluation;
import ai.lepton.models.History;
import ai.lepton.models.Model;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML of a {@link TrainingReport}: one self-contained page (inline CSS, the curves as inline
 * SVG, the other pictures as base64 PNG; no script and no link to anywhere).
 */
final class ReportPage {
    private static final String STYLE = """
            body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #333; margin: 24px auto; max-width: 1040px; }
            h1 { font-size: 24px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; } td, th { padding: 4px 12px; text-align: right; border-bottom: 1px solid #eee; }
            th { text-align: left; } pre { font-size: 12px; background: #f7f7f7; padding: 12px; overflow-x: auto; }
            img { max-width: 100%; } figure { margin: 12px 0; }
            """;

    private ReportPage() {
    }

    /**
     * @param title the page's heading
     * @param run how the model was trained (optimizer and settings, batch size, epochs, time), or empty
     * @param model the trained model
     * @param history its epochs
     * @param data the examples to evaluate on and to show
     * @param samples how many examples the sample grid shows
     * @return the page
     */
    static String html(String title, String run, Model model, History history, Dataset data, int samples) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Xml.escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        page.append("<h1>").append(Xml.escape(title)).append("</h1>\n");
        if (!run.isEmpty()) {
            page.append("<p id=\"run\">").append(Xml.escape(run)).append("</p>\n");
        }

        Evaluation evaluation = model.evaluate(data.x(), data.y());
        page.append(String.format(Locale.ROOT, "<p>%d epochs. Evaluated on %d examples:</p>\n",
                history.epochs().size(), data.size()));
        page.append(table(evaluation.values()));

        page.append("<h2>Training curves</h2>\n<figure id=\"curves\">\n")
                .append(TrainingCurves.of(history).toSvg(TrainingCurves.PANEL_WIDTH, TrainingCurves.HEIGHT))
                .append("</figure>\n");

        if (isClassifier(model)) {
            Tensor predictions = model.predict(data.x());
            int classes = Classes.count(predictions);
            ConfusionMatrix matrix = ConfusionMatrix.of(data.y(), predictions, classes);
            image(page, "confusion", "Confusion matrix",
                    Output.dataUri(ConfusionMatrixImage.of(matrix, data.classNames()).toImage()));
            if (isImages(data.x())) {
                image(page, "samples", "Predictions on the first examples",
                        Output.dataUri(SampleGrid.of(data.x(), data.y(), predictions).classNames(data.classNames())
                                .limit(samples).toImage()));
            }
        }
        if (model.layers().stream().anyMatch(l -> l instanceof Conv2D)) {
            image(page, "filters", "Filters of the first convolution", Output.dataUri(FilterGrid.firstConv(model).toImage()));
        }
        page.append("<h2>Model</h2>\n<pre>").append(Xml.escape(model.summary())).append("</pre>\n");
        return page.append("</body>\n</html>\n").toString();
    }

    private static String table(Map<String, Double> values) {
        StringBuilder t = new StringBuilder("<table>\n");
        values.forEach((k, v) -> t.append(String.format(Locale.ROOT, "<tr><th>%s</th><td>%.4f</td></tr>\n", Xml.escape(k), v)));
        return t.append("</table>\n").toString();
    }

    private static void image(StringBuilder page, String id, String heading, String dataUri) {
        page.append("<h2>").append(heading).append("</h2>\n<figure><img id=\"").append(id).append("\" alt=\"")
                .append(heading).append("\" src=\"").append(dataUri).append("\"></figure>\n");
    }

    /** Whether the model predicts classes: its loss is a cross-entropy. */
    private static boolean isClassifier(Model model) {
        return model.loss() != null && model.loss().name().endsWith("crossentropy");
    }

    private static boolean isImages(Tensor x) {
        int[] s = x.shape();
        return s.length == 4 && (s[3] == 1 || s[3] == 3);
    }
}
