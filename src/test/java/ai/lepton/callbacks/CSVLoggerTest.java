package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {
    @Test
    void csvLoggerWritesHeaderAndOneRowPerEpoch(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        History h = Line.model(0.01).fit(Line.X, Line.Y, Line.quiet(2, new CSVLogger(file)).validationData(Line.X, Line.Y));
        List<Double> loss = h.loss();
        List<Double> val = h.metric("val_loss");
        assertEquals("epoch,loss,val_loss\n"
                + "0," + loss.get(0) + "," + val.get(0) + "\n"
                + "1," + loss.get(1) + "," + val.get(1) + "\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void csvLoggerAppendsWithoutRepeatingTheHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        Sequential model = Line.model(0.01);
        model.fit(Line.X, Line.Y, Line.quiet(1, new CSVLogger(file)));
        model.fit(Line.X, Line.Y, Line.quiet(2, new CSVLogger(file, ",", true)).initialEpoch(1));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals("epoch,loss", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,") && lines.get(2).startsWith("1,"), lines.toString());
    }
}
