package ai.lepton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void theThreadCountIsTheKernelsOne() {
        Settings.setThreads(3);
        assertEquals(3, Settings.threads());
        assertEquals(3, Parallel.threads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.setThreads(0));
        assertTrue(e.getMessage().contains("count=0"), e.getMessage());
        assertEquals(3, Settings.threads());
    }

    @Test
    void theVectorApiIsReportedAsTheJvmHasIt() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean forcedScalar = "scalar".equals(System.getProperty("lepton.gemm"));
        assertEquals(module && !forcedScalar, Settings.usesVectorApi());
    }
}
