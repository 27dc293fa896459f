package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private int savedThreads;

    @BeforeEach
    void saveThreads() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void chunksAreFixedByGrainAndEachRunsOnceWhateverTheThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            List<String> chunks = Collections.synchronizedList(new ArrayList<>());
            Parallel.forRange(10, 4, (from, to) -> chunks.add(from + "-" + to));
            Collections.sort(chunks);
            assertEquals(List.of("0-4", "4-8", "8-10"), chunks, threads + " threads");
        }
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        Parallel.setThreads(2);
        int[] counts = new int[8];
        Parallel.forRange(8, 1, (from, to) -> Parallel.forRange(5, 1, (f, t) -> counts[from]++));
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5}, counts);
    }

    @Test
    void firstExceptionFromABodyReachesTheCaller() {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Parallel.forRange(4, 1, (from, to) -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(-1, 1, (from, to) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(1, 0, (from, to) -> { }));
    }
}
