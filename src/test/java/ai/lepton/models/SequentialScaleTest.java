package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Activation;
import ai.lepton.layers.Dense;
import ai.lepton.layers.InputLayer;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deep stack is built, saved and loaded in time linear in its depth. The work is counted, not
 * timed: every layer call in a graph is a {@link Node}, and a stack that remade its graph on each
 * {@code add} made n(n+1)/2 of them (1.25 billion for 50,000 layers).
 */
class SequentialScaleTest {
    private static final int DEPTH = 50_000;
    /** Calls per layer allowed for building, saving and loading together: a constant, whatever the depth. */
    private static final int CALLS_PER_LAYER = 4;

    @TempDir
    Path dir;

    @Test
    void aStackOfFiftyThousandLayersBuildsSavesAndLoadsInLinearWork() {
        long before = nodesMade();
        Sequential model = new Sequential();
        model.add(new Dense(1).useBias(false).inputShape(1));
        for (int i = 1; i < DEPTH; i++) {
            // Mostly weightless layers, so that the description stays under its 16 MiB bound.
            model.add(i % 10 == 0 ? new Dense(1).useBias(false) : new Activation("linear"));
        }
        Tensor x = Tensor.of(new double[] {0.5, -1}, 2, 1);
        Tensor expected = model.predict(x);
        Path file = dir.resolve("deep.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        long made = nodesMade() - before;

        assertEquals(DEPTH, loaded.layers().size());
        assertEquals("activation_" + (DEPTH - DEPTH / 10 - 1), loaded.layers().get(DEPTH - 1).name());
        assertArrayEquals(expected.toArray(), loaded.predict(x).toArray());
        assertTrue(made <= (long) CALLS_PER_LAYER * DEPTH, "building, saving and loading " + DEPTH + " layers made " + made
                + " layer calls, more than " + CALLS_PER_LAYER + " per layer");
    }

    /** How many nodes have been made so far in this JVM: the sequence number of a new one. */
    private static long nodesMade() {
        return new Node(new InputLayer(1), List.of()).sequence();
    }
}
