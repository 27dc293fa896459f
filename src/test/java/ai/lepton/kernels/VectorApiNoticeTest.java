package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the Vector API module, a JVM says once, on standard error, what it costs and how to fix it. */
class VectorApiNoticeTest {
    /** Multiplies twice in a JVM started without the module. */
    public static void main(String[] args) {
        Tensor a = Tensor.ones(64, 64);
        a.matmul(a);
        a.matmul(a);
    }

    @Test
    void aJvmWithoutTheModuleIsToldOnceOnStandardError() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                VectorApiNoticeTest.class.getName())).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        long notices = err.lines().filter(l -> l.startsWith("Lepton: the Vector API is not available")).count();
        assertEquals(1, notices, err);
        assertTrue(err.contains("--add-modules=jdk.incubator.vector") && err.contains("3x slower"), err);
    }
}
