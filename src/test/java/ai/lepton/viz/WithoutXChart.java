package ai.lepton.viz;

import ai.lepton.data.Dataset;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Run by {@link WithoutXChartTest} in a class loader that lacks XChart: trains, writes a report
 * and an SVG, then asks for PNG curves. Returns what happened, one fact per line.
 */
public final class WithoutXChart implements Callable<String> {
    /** Made reflectively by the test. */
    public WithoutXChart() {
    }

    @Override
    public String call() throws Exception {
        Path dir = Files.createTempDirectory("lepton-no-xchart");
        Dataset data = Bars.data(32, 5);
        Sequential model = Bars.model();
        History history = model.fit(data.x(), data.y(), FitOptions.create().epochs(2).verbose(0)
                .callbacks(new TrainingReport(dir.resolve("report.html"), data)));
        TrainingCurves.of(history).saveSvg(dir.resolve("curves.svg"));
        StringBuilder facts = new StringBuilder()
                .append("epochs ").append(history.epochs().size()).append('\n')
                .append("report ").append(Files.size(dir.resolve("report.html")) > 0).append('\n')
                .append("svg ").append(Files.size(dir.resolve("curves.svg")) > 0).append('\n');
        try {
            TrainingCurves.of(history).savePng(dir.resolve("curves.png"));
            facts.append("png written\n");
        } catch (IllegalStateException e) {
            facts.append("png refused: ").append(e.getMessage()).append('\n');
        }
        for (String f : new String[] {"report.html", "curves.svg", "curves.png"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.delete(dir);
        return facts.toString();
    }
}
