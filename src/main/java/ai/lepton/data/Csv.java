package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a numeric CSV file into a {@link Dataset}: one column is the label, every other column
 * is a feature.
 *
 * <p>The file is streamed twice: a cheap pass counts its lines, then values are parsed straight
 * into arrays allocated once at their final size, so reading needs little more memory than the
 * resulting tensors (no strings or boxed numbers are kept per cell). Fields follow RFC 4180 (quotes, {@code ""}
 * inside quotes); blank lines are skipped; line ends may be LF or CRLF, and the last line may lack one.
 *
 * <p>A header is detected when the first row has a word where the second row has a number (or,
 * in a one-row file, when every cell is a word); {@link CsvOptions#header(boolean)} overrides it.
 * Class labels that are whole numbers {@code >= 0} are used as class indices; labels that are
 * words are mapped to indices in sorted order and the names kept in {@link Dataset#classNames()}.
 * A regression target ({@link CsvOptions#regression()}) becomes {@code y (n, 1)}.
 *
 * <pre>{@code
 * Dataset iris = Csv.read(Path.of("iris.csv"), CsvOptions.create().labelColumn("species"));
 * iris.x();            // (150, 4)
 * iris.y();            // (150,) with 0 = setosa, 1 = versicolor, 2 = virginica
 * iris.classNames();   // [setosa, versicolor, virginica]
 * }</pre>
 */
public final class Csv {
    private static final Logger LOG = LoggerFactory.getLogger(Csv.class);

    private final Path file;
    private final CsvOptions options;
    private List<String> header;
    private int columns;
    private int label;

    private Csv(Path file, CsvOptions options) {
        this.file = file;
        this.options = options;
    }

    /**
     * Reads a CSV whose first column is a class label, detecting a header.
     *
     * @param file the CSV file
     * @return the dataset: {@code x (n, columns - 1)}, {@code y (n,)}
     * @throws DataFormatException if the file is missing, empty or malformed, naming the line and column
     */
    public static Dataset read(Path file) {
        return read(file, CsvOptions.create());
    }

    /**
     * Reads a CSV as the options say.
     *
     * @param file the CSV file
     * @param options label column, header, delimiter, scaling, reshape, label form (not modified)
     * @return the dataset: {@code x (n, features)} or {@code (n, reshape...)}; {@code y (n,)} class
     *     indices, {@code (n, numClasses)} one-hot, or {@code (n, 1)} for regression
     * @throws DataFormatException if the file is missing, empty or malformed, naming the line and column
     * @throws IllegalArgumentException if the options contradict each other
     */
    public static Dataset read(Path file, CsvOptions options) {
        return layout(file, options).readRows();
    }

    /**
     * A file's layout (header, columns, label column) settled from its first rows: what
     * {@link CsvStream} reads each record with, through {@link #records()} and {@link #parse}.
     */
    static Csv layout(Path file, CsvOptions options) {
        if (options.isRegression() && (options.isOneHot() || !options.classNames().isEmpty())) {
            throw new IllegalArgumentException("Csv: a regression target cannot also be one-hot or have class names. "
                    + "Received: " + options);
        }
        Csv csv = new Csv(file, options);
        csv.readLayout();
        return csv;
    }

    /** @return a tokenizer positioned before the first data record */
    CsvTokenizer records() {
        CsvTokenizer t = open();
        if (header != null) {
            t.next();
        }
        return t;
    }

    /** @return the number of feature columns */
    int features() {
        return columns - 1;
    }

    /** @return new label codes, shared by every record of one stream so that a label keeps its code */
    LabelCodes labelCodes() {
        return new LabelCodes();
    }

    /** Parses the current record's features into {@code row}; returns its target, or its label's code. */
    double parse(CsvTokenizer t, double[] row, LabelCodes codes) {
        return parseRow(t, row, codes);
    }

    /** Reads the first two records to settle the header, the number of columns and the label column. */
    private void readLayout() {
        try (CsvTokenizer t = open()) {
            if (!t.next()) {
                throw new DataFormatException(file, "the file is empty: expected rows of numbers");
            }
            int headerLine = t.line();
            List<String> first = new ArrayList<>();
            for (int i = 0; i < t.fields(); i++) {
                first.add(t.text(i).trim());
            }
            boolean more = t.next();
            boolean hasHeader = options.header().orElseGet(() -> options.labelName().isPresent()
                    || looksLikeHeader(first, more ? t : null));
            if (hasHeader && !more) {
                throw new DataFormatException(file, headerLine, 0, "the file has a header but no data rows", null);
            }
            header = hasHeader ? first : null;
            columns = first.size();
            label = labelColumn(headerLine);
            if (columns < 2) {
                throw new DataFormatException(file, headerLine, 0, "found " + columns
                        + " column; expected a label column and at least one feature column", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
    }

    private static boolean looksLikeHeader(List<String> first, CsvTokenizer second) {
        if (second == null) {
            return first.stream().noneMatch(Csv::isNumber);
        }
        for (int i = 0; i < Math.min(first.size(), second.fields()); i++) {
            if (!isNumber(first.get(i)) && isNumber(second.text(i))) {
                return true;
            }
        }
        return false;
    }

    private int labelColumn(int headerLine) {
        if (options.labelName().isPresent()) {
            String name = options.labelName().get();
            if (header == null) {
                throw new DataFormatException(file, 0, 0, "the label column is given by name ('" + name
                        + "'), but the file has no header", null);
            }
            int index = header.indexOf(name);
            if (index < 0) {
                throw new DataFormatException(file, headerLine, 0, "no column named '" + name
                        + "'; the header has " + header, null);
            }
            return index;
        }
        int index = options.labelIndex() < 0 ? columns + options.labelIndex() : options.labelIndex();
        if (index < 0 || index >= columns) {
            throw new DataFormatException(file, headerLine, 0, "label column " + options.labelIndex()
                    + " is out of range: the first row has " + columns + " columns", null);
        }
        return index;
    }

    private Dataset readRows() {
        int features = columns - 1;
        int capacity = countLines() - (header != null ? 1 : 0);
        double[] x = new double[Math.multiplyExact(capacity, features)];
        double[] y = new double[capacity];
        double[] row = new double[features];
        LabelCodes codes = new LabelCodes();
        int n = 0;
        int dropped = 0;
        DataFormatException firstDropped = null;
        try (CsvTokenizer t = open()) {
            if (header != null) {
                t.next();
            }
            while (t.next()) {
                try {
                    y[n] = parseRow(t, row, codes);
                    System.arraycopy(row, 0, x, n * features, features);
                    n++;
                } catch (DataFormatException e) {
                    if (!options.isSkipBadRows()) {
                        throw e;
                    }
                    dropped++;
                    firstDropped = firstDropped == null ? e : firstDropped;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
        if (dropped > 0) {
            LOG.warn("{}: skipped {} bad rows; the first: {}", file, dropped, firstDropped.getMessage());
        }
        if (n == 0) {
            throw new DataFormatException(file, 0, 0, "no usable rows: all " + dropped + " rows were bad", firstDropped);
        }
        if (n < capacity) {
            x = Arrays.copyOf(x, n * features);
            y = Arrays.copyOf(y, n);
        }
        Tensor xs = features(x, n, features);
        if (options.isRegression()) {
            return Dataset.of(xs, Storage.wrap(y, n, 1));
        }
        List<String> names = options.classNames().isEmpty() ? codes.resolve(y) : options.classNames();
        Dataset data = Dataset.of(xs, Storage.wrap(y, n), names);
        LOG.debug("Read {} from {}", data, file);
        return options.isOneHot() ? data.toCategorical() : data;
    }

    /**
     * Counts the non-empty physical lines (ended by LF, CRLF or CR), a cheap first pass whose
     * count bounds the number of records, so the arrays are allocated once at their final size
     * (shrunk only if blank-looking lines, multi-line fields or skipped rows leave them short).
     */
    private int countLines() {
        long lines = 0;
        boolean inLine = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Inputs.open(file)) {
            for (int got = in.read(buffer); got >= 0; got = in.read(buffer)) {
                for (int i = 0; i < got; i++) {
                    boolean end = buffer[i] == '\n' || buffer[i] == '\r';
                    if (end && inLine) {
                        lines++;
                    }
                    inLine = !end;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        lines += inLine ? 1 : 0;
        if (lines > Integer.MAX_VALUE) {
            throw new DataFormatException(file, "has " + lines + " lines, more than one Java array can index");
        }
        return (int) lines;
    }

    /** Parses one record's features into {@code row} and returns its label value. */
    private double parseRow(CsvTokenizer t, double[] row, LabelCodes codes) {
        if (t.fields() != columns) {
            throw new DataFormatException(file, t.line(), 0, "found " + t.fields() + " fields, expected " + columns
                    + " as in the " + (header != null ? "header" : "first row"), null);
        }
        for (int j = 0, k = 0; j < columns; j++) {
            if (j != label) {
                row[k++] = number(t, j);
            }
        }
        if (options.isRegression()) {
            return number(t, label);
        }
        String text = t.text(label).trim();
        return options.classNames().isEmpty() ? codes.code(text, t.line()) : givenClass(text, t);
    }

    private double givenClass(String text, CsvTokenizer t) {
        List<String> names = options.classNames();
        int index = names.indexOf(text);
        if (index >= 0) {
            return index;
        }
        if (isNumber(text)) {
            double v = Double.parseDouble(text);
            if (v == Math.rint(v) && v >= 0 && v < names.size()) {
                return v;
            }
        }
        throw cellError(t, label, "label \"" + text + "\" is not one of the classes " + names
                + " nor an index into them");
    }

    private double number(CsvTokenizer t, int column) {
        try {
            return t.number(column);
        } catch (NumberFormatException e) {
            String text = t.text(column);
            throw cellError(t, column, text.isBlank() ? "empty cell: expected a number"
                    : "\"" + text + "\" is not a number");
        }
    }

    private DataFormatException cellError(CsvTokenizer t, int column, String problem) {
        String where = header != null ? "in column '" + header.get(column) + "', " : "";
        return new DataFormatException(file, t.line(), column + 1, where + problem, null);
    }

    private Tensor features(double[] x, int n, int features) {
        if (options.divisor() != 1) {
            double d = options.divisor();
            for (int i = 0; i < x.length; i++) {
                x[i] /= d;
            }
        }
        int[] sample = options.reshape().orElse(new int[] {features});
        if (Shapes.size(sample) != features) {
            throw new DataFormatException(file, "reshape to " + Shapes.format(sample) + " needs "
                    + Shapes.size(sample) + " feature columns, but the file has " + features
                    + " (besides the label column)");
        }
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return Storage.wrap(x, shape);
    }

    private CsvTokenizer open() {
        return new CsvTokenizer(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8),
                options.delimiter(), file);
    }

    static boolean isNumber(String text) {
        char[] c = text.toCharArray();
        try {
            Numbers.parse(c, 0, c.length);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Class labels seen while streaming, numbered in order of first appearance, then resolved:
     * whole numbers {@code >= 0} stand for themselves, words are numbered in sorted order.
     */
    final class LabelCodes {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();

        /** @return the number of distinct labels seen */
        int size() {
            return texts.size();
        }

        double code(String text, int line) {
            Integer code = codes.get(text);
            if (code == null) {
                code = texts.size();
                codes.put(text, code);
                texts.add(text);
                lines.add(line);
            }
            return code;
        }

        /** Replaces codes in {@code y} by class indices; returns the class names (empty for numeric labels). */
        List<String> resolve(double[] y) {
            double[] value = new double[texts.size()];
            boolean numeric = texts.stream().allMatch(Csv::isNumber);
            for (int c = 0; c < value.length && numeric; c++) {
                double v = Double.parseDouble(texts.get(c));
                if (v != Math.rint(v) || v < 0) {
                    throw new DataFormatException(file, lines.get(c), label + 1, "label \"" + texts.get(c)
                            + "\" is not a class index (a whole number >= 0); for a real-valued target use "
                            + "CsvOptions.regression(), or name the classes with CsvOptions.classNames(...)", null);
                }
                value[c] = v;
            }
            List<String> names = new ArrayList<>(texts);
            if (!numeric) {
                names.sort(null);
                for (int c = 0; c < value.length; c++) {
                    value[c] = names.indexOf(texts.get(c));
                }
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = value[(int) y[i]];
            }
            return numeric ? List.of() : names;
        }
    }
}
