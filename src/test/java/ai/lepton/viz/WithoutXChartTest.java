package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * XChart is optional: with it off the class path, Lepton still trains, the report and SVG curves
 * still work (they do not need it), and asking for PNG curves says what to add.
 */
class WithoutXChartTest {
    @Test
    void trainsReportsAndExplainsWhatPngCurvesNeed() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("xchart")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("org.knowm.xchart.XYChart", false, loader));
            Class<?> run = Class.forName(WithoutXChart.class.getName(), true, loader);
            assertTrue(run != WithoutXChart.class, "the run must come from the isolated loader");
            @SuppressWarnings("unchecked")
            Callable<String> task = (Callable<String>) run.getDeclaredConstructor().newInstance();
            String[] facts = task.call().split("\n");
            assertEquals("epochs 2", facts[0]);
            assertEquals("report true", facts[1]);
            assertEquals("svg true", facts[2]);
            assertTrue(facts[3].startsWith("png refused: ") && facts[3].contains("org.knowm.xchart:xchart"), facts[3]);
        }
    }
}
