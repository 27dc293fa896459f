package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model during training, as Keras's {@code ModelCheckpoint}: after every epoch, or
 * only when a monitored quantity improves ({@link #saveBestOnly}). Each file is a complete
 * {@link Model#save model file}, written atomically, so training can be resumed from it with
 * {@link Model#load} and {@code FitOptions.initialEpoch}.
 *
 * <p>The file name is a pattern in Keras's (Python's) format syntax: {@code {epoch}} is the
 * 1-based epoch just finished, and any other {@code {key}} is that epoch's logged value
 * ({@code loss}, {@code val_loss}, {@code accuracy}, ...), each with an optional format spec such
 * as {@code :02d} (width 2, zero-padded) or {@code :.4f} (4 decimals).
 *
 * <pre>{@code
 * ModelCheckpoint checkpoint = new ModelCheckpoint("ckpt-{epoch:02d}-{val_loss:.4f}.lepton")
 *         .monitor("val_loss").saveBestOnly(true);
 * model.fit(x, y, FitOptions.create().epochs(10).validationSplit(0.2).callbacks(checkpoint));
 *
 * // Later, resume after epoch 4 (the file ckpt-04-....lepton) up to epoch 10:
 * Sequential resumed = Sequential.load(checkpoint.lastSaved());
 * resumed.fit(x, y, FitOptions.create().initialEpoch(4).epochs(10).validationSplit(0.2));
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?}");
    private static final Pattern SPEC = Pattern.compile("[0-9]*(d|(\\.[0-9]+)?[feg]?)");

    private final String pattern;
    private String monitor = "val_loss";
    private String mode = "auto";
    private boolean saveBestOnly;
    private Model model;
    private double best;
    private Path lastSaved;

    /**
     * @param filePattern where to save, e.g. {@code "checkpoints/ckpt-{epoch:02d}-{val_loss:.4f}.lepton"};
     *        missing folders are created
     * @throws IllegalArgumentException if a {@code {field:spec}} has a spec this callback cannot format
     */
    public ModelCheckpoint(String filePattern) {
        if (filePattern == null || filePattern.isBlank()) {
            throw new IllegalArgumentException("ModelCheckpoint: the file pattern must not be blank. Received: " + filePattern);
        }
        Matcher m = FIELD.matcher(filePattern);
        while (m.find()) {
            if (m.group(2) != null && !SPEC.matcher(m.group(2)).matches()) {
                throw new IllegalArgumentException("ModelCheckpoint: cannot format {" + m.group(1) + ":" + m.group(2)
                        + "}; use a spec such as :02d or :.4f. Received: " + filePattern);
            }
        }
        pattern = filePattern;
    }

    /**
     * @param key the logged quantity that decides "best", e.g. {@code "val_accuracy"} (default {@code "val_loss"})
     * @return this callback
     */
    public ModelCheckpoint monitor(String key) {
        monitor = key;
        return this;
    }

    /**
     * @param value {@code "auto"} (max for accuracies, min otherwise), {@code "min"} or {@code "max"}
     * @return this callback
     */
    public ModelCheckpoint mode(String value) {
        mode = Monitor.checkMode("ModelCheckpoint", value);
        return this;
    }

    /**
     * @param on whether to save only when the monitored value beats the best so far (default
     *        false: save after every epoch)
     * @return this callback
     */
    public ModelCheckpoint saveBestOnly(boolean on) {
        saveBestOnly = on;
        return this;
    }

    /** @return the last file written, or {@code null} if none yet */
    public Path lastSaved() {
        return lastSaved;
    }

    /** @return the best monitored value seen in this training run, or NaN */
    public double best() {
        return best;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = Double.NaN;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                LOG.warn("Can save best model only with '{}' available, skipping. Available: {}", monitor, logs.keySet());
                return;
            }
            if (!isImprovement(current)) {
                return;
            }
        }
        Path file = Path.of(fileName(epoch, logs));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        model.save(file);
        lastSaved = file;
        if (!saveBestOnly) {
            LOG.info("Epoch {}: saved {}", epoch + 1, file);
        } else if (Double.isNaN(best)) {
            LOG.info("Epoch {}: saved {} ({} {})", epoch + 1, file, monitor, String.format(Locale.ROOT, "%.5f", logs.get(monitor)));
        } else {
            LOG.info("Epoch {}: saved {} ({} improved from {} to {})", epoch + 1, file, monitor,
                    String.format(Locale.ROOT, "%.5f", best), String.format(Locale.ROOT, "%.5f", logs.get(monitor)));
        }
        if (saveBestOnly) {
            best = logs.get(monitor);
        }
    }

    /**
     * Fills in the pattern.
     *
     * @param epoch the 0-based epoch just finished (shown 1-based, as Keras)
     * @param logs the epoch's values
     * @return the file name
     * @throws IllegalStateException if the pattern names a value that is not logged
     */
    String fileName(int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder name = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String spec = m.group(2) == null ? "" : m.group(2);
            Object value;
            if (key.equals("epoch")) {
                value = epoch + 1;
            } else if (logs.containsKey(key)) {
                value = logs.get(key);
            } else {
                throw new IllegalStateException("ModelCheckpoint: the file pattern '" + pattern + "' names '" + key
                        + "', which is not logged. Available: epoch and " + logs.keySet());
            }
            m.appendReplacement(name, Matcher.quoteReplacement(format(value, spec)));
        }
        m.appendTail(name);
        return name.toString();
    }

    /**
     * Formats a value with a Python-style spec: {@code d} as a whole number, {@code f e g} as
     * decimals; without a letter, the epoch is a whole number and logged values are decimals.
     */
    private static String format(Object value, String spec) {
        if (spec.isEmpty()) {
            return String.valueOf(value);
        }
        char last = spec.charAt(spec.length() - 1);
        boolean hasLetter = Character.isLetter(last);
        boolean whole = hasLetter ? last == 'd' : value instanceof Integer && !spec.contains(".");
        double v = ((Number) value).doubleValue();
        String javaSpec = "%" + (hasLetter ? spec.substring(0, spec.length() - 1) : spec) + (whole ? "d" : hasLetter ? last : 'f');
        return whole ? String.format(Locale.ROOT, javaSpec, Math.round(v)) : String.format(Locale.ROOT, javaSpec, v);
    }

    private boolean isImprovement(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return Monitor.maximizes(mode, monitor) ? value > best : value < best;
    }
}
