package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * What every metric promises besides its formula: its state adds up (two metrics that saw two
 * parts of the data, merged, report what one metric that saw all of it reports, bit for bit, as
 * Spark and the trainer rely on), {@code reset} forgets, and its config rebuilds an equal metric
 * through the registry (which is how a model copies a metric object given to {@code compile}).
 */
final class MetricContract {
    private MetricContract() {
    }

    /**
     * Checks the contract on a golden case.
     *
     * @param c the case
     */
    static void holds(Golden.MetricCase c) {
        Metric whole = Golden.replay(c);
        List<Golden.Batch> batches = c.batches();
        int half = (batches.size() + 1) / 2;
        Metric first = Golden.feed(Golden.metric(c), batches.subList(0, half));
        Metric second = Golden.feed(Golden.metric(c), batches.subList(half, batches.size()));
        Metric merged = Golden.metric(c);
        merged.merge(first.state());
        merged.merge(second.state());
        merged.merge(Golden.metric(c).state());
        assertArrayEquals(whole.state(), merged.state(), c + ": merged state");
        assertArrayEquals(whole.results(), merged.results(), c + ": merged results");

        first.merge(second.state());
        assertArrayEquals(whole.results(), first.results(), c + ": results after merging into a part");

        Metric copy = Metrics.copyOf(whole);
        assertEquals(whole.getConfig(), copy.getConfig(), c + ": config of the copy");
        assertEquals(whole.name(), copy.name(), c + ": name of the copy");
        Golden.feed(copy, batches);
        assertArrayEquals(whole.results(), copy.results(), c + ": results of the copy");

        whole.reset();
        for (double v : whole.state()) {
            assertEquals(0.0, v, c + ": state after reset");
        }
        Golden.feed(whole, batches);
        assertArrayEquals(copy.results(), whole.results(), c + ": results after reset and the same batches");
    }
}
