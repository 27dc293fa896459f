package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The text is UTF-8 unless {@link CsvOptions#charset(java.nio.charset.Charset)} names another encoding; bytes that are
 * not valid in it are an error naming the line, never replaced by {@code U+FFFD}.
 *
 * <p>A header is detected when the first row has a word where the second row has a number (or,
 * in a one-row file, when every cell is a word); {@link CsvOptions#header(boolean)} overrides it.
 *
 * <p>The label column is read by one rule, decided by its first label: if that is a number, the
 * column holds class indices and every label must be a whole number {@code >= 0}, used as is;
 * otherwise the column holds class names, every label must be a word (not a number), and the
 * names are numbered in sorted order and kept in {@link Dataset#classNames()}. An empty label, or
 * one of the other kind (a typo such as {@code 1O} among indices), is a {@link DataFormatException}
 * naming its line and column; it never turns the column into the other kind.
 * {@link CsvOptions#classNames(String...)} fixes the classes instead, accepting their names and
 * indices into them: read a test file with the training set's classes,
 * {@code classNames(train.classNames())}, so that a class missing from it does not renumber the
 * others, and a class the training set never had is an error naming it.
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

    Csv(Path file, CsvOptions options) {
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
        Csv csv = layout(file, options);
        return csv.readRows(csv.countLines());
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
    void readLayout() {
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

    /**
     * Reads the records into arrays allocated once for the lines counted by {@link #countLines()};
     * more records than that means the file grew since it was counted, an error rather than a mix
     * of two versions of the file.
     */
    Dataset readRows(int lines) {
        int features = columns - 1;
        int capacity = lines - (header != null ? 1 : 0);
        if ((long) capacity * features > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(file, "has " + capacity + " rows of " + features + " features, more values "
                    + "than one Java array can hold");
        }
        double[] x = new double[capacity * features];
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
                if (n + dropped == capacity) {
                    throw new DataFormatException(file, t.line(), 0, "the file changed while it was read: it had "
                            + lines + " lines when counted, and has more now", null);
                }
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
    int countLines() {
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
        return options.classNames().isEmpty() ? codes.code(text, t) : givenClass(text, t);
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
        return new CsvTokenizer(new StrictDecoder(Inputs.open(file), options.charset()),
                options.delimiter(), file, options.fieldSizeLimit());
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
     * Class labels seen while streaming. The first label decides the column's kind: a number makes
     * it a column of class indices (each label a whole number {@code >= 0}, standing for itself),
     * a word makes it a column of class names (numbered in sorted order once all are seen). A
     * label of the other kind, or an empty one, is an error: one bad cell never re-types the column.
     */
    final class LabelCodes {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        private Boolean numeric;
        private String firstText;
        private int firstLine;

        /** @return the number of distinct class names seen (0 for a column of class indices) */
        int size() {
            return texts.size();
        }

        /** @return the class index of a numeric label, else a code that {@link #resolve} replaces */
        double code(String text, CsvTokenizer t) {
            if (text.isEmpty()) {
                throw cellError(t, label, "empty label cell: every row needs a class label");
            }
            boolean number = isNumber(text);
            if (numeric == null) {
                numeric = number;
                firstText = text;
                firstLine = t.line();
            }
            if (number != numeric) {
                throw cellError(t, label, "label \"" + text + "\" is " + (number ? "a number" : "not a number")
                        + ", but this label column holds class " + (numeric ? "indices" : "names")
                        + " (its first label, \"" + firstText + "\" on line " + firstLine + ", is "
                        + (numeric ? "a number" : "a word") + "); fix the cell, or list the classes with "
                        + "CsvOptions.classNames(...)");
            }
            if (numeric) {
                double v = Double.parseDouble(text);
                if (v != Math.rint(v) || v < 0) {
                    throw cellError(t, label, "label \"" + text + "\" is not a class index (a whole number >= 0); "
                            + "for a real-valued target use CsvOptions.regression(), or name the classes with "
                            + "CsvOptions.classNames(...)");
                }
                return v;
            }
            Integer code = codes.get(text);
            if (code == null) {
                code = texts.size();
                codes.put(text, code);
                texts.add(text);
            }
            return code;
        }

        /** Replaces name codes in {@code y} by class indices; returns the class names (empty for numeric labels). */
        List<String> resolve(double[] y) {
            if (numeric == null || numeric) {
                return List.of();
            }
            List<String> names = new ArrayList<>(texts);
            names.sort(null);
            double[] value = new double[texts.size()];
            for (int c = 0; c < value.length; c++) {
                value[c] = names.indexOf(texts.get(c));
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = value[(int) y[i]];
            }
            return names;
        }
    }
}
