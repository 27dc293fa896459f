package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Dataset;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Watches the dashboard in headless Chromium while a model trains: training pauses after epochs 2
 * and 4 (so the test needs no sleeps), the browser loads the page and runs its polling script,
 * and the DOM it renders must show the epochs done so far.
 */
class DashboardBrowserTest {
    private static final int EPOCHS = 5;
    private static final int BATCHES_PER_EPOCH = 4;
    private static final int VIRTUAL_TIME_MS = 3000;
    private static final long WAIT_SECONDS = 60;

    /** Blocks the training thread at the end of chosen epochs until the test lets it go on. */
    private static final class Pause implements Callback {
        private final Semaphore reached = new Semaphore(0);
        private final Semaphore resume = new Semaphore(0);

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            if (epoch == 1 || epoch == 3) {
                reached.release();
                try {
                    if (!resume.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never resumed training");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        void awaitPause() throws InterruptedException {
            assertTrue(reached.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "training did not reach the pause");
        }
    }

    @Test
    void thePageShowsNewEpochsWhileTrainingRuns() throws Exception {
        Chromium.assumeInstalled();
        Dataset data = Bars.data(BATCHES_PER_EPOCH * 16, 4);
        Sequential model = Bars.model();
        Pause pause = new Pause();
        ExecutorService trainer = Executors.newSingleThreadExecutor();
        try (Dashboard dashboard = Dashboard.start(0)) {
            Future<?> fit = trainer.submit(() -> model.fit(data.x(), data.y(),
                    FitOptions.create().epochs(EPOCHS).batchSize(16).verbose(0).callbacks(dashboard, pause)));

            pause.awaitPause();
            String early = Chromium.dumpDom(dashboard.url(), VIRTUAL_TIME_MS);
            pause.resume.release();
            pause.awaitPause();
            String later = Chromium.dumpDom(dashboard.url(), VIRTUAL_TIME_MS);
            pause.resume.release();
            fit.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(2, points(early, "loss"), "after 2 epochs");
            assertEquals(2, points(early, "accuracy"));
            assertEquals(BATCHES_PER_EPOCH, points(early, "loss", 1), "the batch plot of epoch 2");
            assertTrue(early.contains("training — epoch 2, batch 4 — learning rate 0.0100 — 2 epoch(s) done"), status(early));
            assertEquals(4, points(later, "loss"), "after 4 epochs");
            assertTrue(later.contains("epoch 4, batch 4"), status(later));
        } finally {
            trainer.shutdownNow();
            assertTrue(trainer.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** The vertex count of the first polyline drawing {@code series} in the rendered DOM. */
    private static int points(String dom, String series) {
        return points(dom, series, 0);
    }

    /** The vertex count of the {@code index}-th polyline drawing {@code series}, or -1 if there is none. */
    private static int points(String dom, String series, int index) {
        Matcher m = Pattern.compile("<polyline class=\"series\" data-series=\"" + series + "\" points=\"([^\"]*)\"").matcher(dom);
        for (int i = 0; m.find(); i++) {
            if (i == index) {
                String p = m.group(1).trim();
                return p.isEmpty() ? 0 : p.split("\\s+").length;
            }
        }
        return -1;
    }

    private static String status(String dom) {
        Matcher m = Pattern.compile("<div id=\"status\"[^>]*>([^<]*)</div>").matcher(dom);
        return m.find() ? m.group(1) : "no status line in: " + dom;
    }
}
