package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes each epoch's logs to a CSV file, as Keras's {@code CSVLogger}: a header
 * {@code epoch,accuracy,loss,val_accuracy,val_loss} (the keys of the first epoch, sorted), then
 * one row per epoch with the 0-based epoch and the values. Lines end in {@code \n}.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.create().epochs(10).callbacks(new CSVLogger(Path.of("training.csv"))));
 * }</pre>
 */
public final class CSVLogger implements Callback {
    private final Path file;
    private final String separator;
    private final boolean append;
    private BufferedWriter writer;
    private List<String> keys;

    /** @param file the file to (over)write */
    public CSVLogger(Path file) {
        this(file, ",", false);
    }

    /**
     * @param file the file
     * @param separator the field separator, e.g. {@code ","}
     * @param append whether to add to an existing file (its header is then not repeated)
     */
    public CSVLogger(Path file, String separator, boolean append) {
        this.file = file;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            boolean continuing = append && Files.exists(file) && Files.size(file) > 0;
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = continuing ? existingKeys() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + file, e);
        }
    }

    private List<String> existingKeys() throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String header = lines.findFirst().orElse("");
            List<String> fields = new ArrayList<>(List.of(header.split(Pattern.quote(separator))));
            fields.remove(0);
            return fields;
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null) {
                keys = new ArrayList<>(new TreeMap<>(logs).keySet());
                writer.write("epoch" + separator + String.join(separator, keys) + "\n");
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String key : keys) {
                Double v = logs.get(key);
                row.append(separator).append(v == null ? "NA" : v.toString());
            }
            writer.write(row.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + file, e);
        }
    }
}
