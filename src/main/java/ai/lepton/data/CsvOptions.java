package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a CSV file: which column is the label, whether there is a header, the delimiter,
 * scaling and shape of the features, and the form of the labels.
 *
 * <p>Defaults: the first column is a class label, the header is detected, the delimiter is a
 * comma, features are not scaled and stay {@code (n, features)}, labels are class indices
 * {@code (n,)}. The setters change this object and return it.
 *
 * <pre>{@code
 * CsvOptions.create().labelColumn("species");               // iris: label by name
 * CsvOptions.create().labelLast().header(false);             // digits: 64 pixels, then the label
 * CsvOptions.create().divideBy(255).reshape(28, 28, 1).oneHot(); // MNIST as CSV
 * CsvOptions.create().labelLast().regression();              // y (n, 1) real values
 * }</pre>
 */
public final class CsvOptions {
    /** The most characters one field may hold unless {@link #fieldSizeLimit(int)} says otherwise: Python's csv default. */
    public static final int DEFAULT_FIELD_SIZE_LIMIT = 131_072;

    private int labelIndex;
    private String labelName;
    private Boolean header;
    private char delimiter = ',';
    private double divisor = 1;
    private int[] reshape;
    private boolean oneHot;
    private boolean regression;
    private List<String> classNames = List.of();
    private boolean skipBadRows;
    private Charset charset = StandardCharsets.UTF_8;
    private int fieldSizeLimit = DEFAULT_FIELD_SIZE_LIMIT;

    private CsvOptions() {
    }

    /**
     * @return the default options
     */
    public static CsvOptions create() {
        return new CsvOptions();
    }

    /**
     * The label is the column at this 0-based index; negative indices count from the end
     * ({@code -1} is the last column).
     *
     * @param index the column index
     * @return these options
     */
    public CsvOptions labelColumn(int index) {
        this.labelIndex = index;
        this.labelName = null;
        return this;
    }

    /**
     * The label is the column with this name in the header (so the file must have a header).
     *
     * @param name the header text of the label column
     * @return these options
     */
    public CsvOptions labelColumn(String name) {
        this.labelName = name;
        return this;
    }

    /**
     * The label is the last column; the same as {@code labelColumn(-1)}.
     *
     * @return these options
     */
    public CsvOptions labelLast() {
        return labelColumn(-1);
    }

    /**
     * Overrides header detection.
     *
     * @param present true if the first row holds column names, false if it is data
     * @return these options
     */
    public CsvOptions header(boolean present) {
        this.header = present;
        return this;
    }

    /**
     * @param delimiter the character between fields, e.g. {@code ';'} or {@code '\t'}
     * @return these options
     */
    public CsvOptions delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvOptions: a quote or line break cannot be the delimiter. Received: "
                    + "delimiter=" + (int) delimiter);
        }
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Divides every feature by a constant while reading, e.g. {@code 255} for pixels; for scaling
     * fitted to the data use {@link Scaler}.
     *
     * @param divisor a finite non-zero number
     * @return these options
     */
    public CsvOptions divideBy(double divisor) {
        if (divisor == 0 || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("CsvOptions: divisor must be finite and non-zero. Received: divisor="
                    + divisor);
        }
        this.divisor = divisor;
        return this;
    }

    /**
     * Views each row's features as this shape, e.g. {@code (28, 28, 1)} for 784 pixels, so that
     * {@code x} is {@code (n, 28, 28, 1)}; rows are read in row-major (height, width, channels) order.
     *
     * @param shape the shape of one sample; its size must equal the number of feature columns
     * @return these options
     */
    public CsvOptions reshape(int... shape) {
        this.reshape = shape.clone();
        return this;
    }

    /**
     * Makes {@code y} one-hot rows {@code (n, numClasses)} instead of class indices {@code (n,)}.
     *
     * @return these options
     */
    public CsvOptions oneHot() {
        this.oneHot = true;
        return this;
    }

    /**
     * Reads the label as a real-valued regression target: {@code y} is {@code (n, 1)}, matching a
     * model whose last layer is {@code Dense(1)}.
     *
     * @return these options
     */
    public CsvOptions regression() {
        this.regression = true;
        return this;
    }

    /**
     * Fixes the classes and their order: a label must be one of these names (and becomes its
     * index), or a whole number that is already an index into them. A label that is neither
     * is an error.
     *
     * @param names the class names, in index order
     * @return these options
     * @throws IllegalArgumentException if a name repeats or is empty
     */
    public CsvOptions classNames(String... names) {
        return classNames(List.of(names));
    }

    /**
     * Fixes the classes and their order to those a training set learned, so that a test file
     * lacking some of them numbers the others the same way; a label that is not one of them (nor
     * an index into them) is an error naming it.
     * <pre>{@code
     * Dataset train = Csv.read(Path.of("train.csv"), CsvOptions.create().labelLast());
     * Dataset test = Csv.read(Path.of("test.csv"), CsvOptions.create().labelLast().classNames(train.classNames()));
     * }</pre>
     *
     * @param names the class names, in index order, e.g. {@link Dataset#classNames()} or
     *     {@link DataLoader#classNames()} of the training data (not modified)
     * @return these options
     * @throws IllegalArgumentException if a name repeats or is empty
     */
    public CsvOptions classNames(List<String> names) {
        List<String> copy = List.copyOf(names);
        if (new HashSet<>(copy).size() != copy.size() || copy.contains("")) {
            throw new IllegalArgumentException("CsvOptions: class names must be distinct and non-empty. Received: "
                    + copy);
        }
        this.classNames = copy;
        return this;
    }

    /**
     * Drops rows with the wrong number of fields, a cell that is not a number, or a label outside
     * {@link #classNames(String...)}, instead of failing; the number dropped is logged as a warning.
     *
     * @return these options
     */
    public CsvOptions skipBadRows() {
        this.skipBadRows = true;
        return this;
    }

    /**
     * The file's text encoding, for files not saved as UTF-8 (the default), e.g.
     * {@code StandardCharsets.ISO_8859_1}. Bytes that are not valid in it are an error naming the line.
     *
     * @param charset the encoding
     * @return these options
     */
    public CsvOptions charset(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "CsvOptions: charset must not be null");
        return this;
    }

    /**
     * The most characters one field may hold ({@value #DEFAULT_FIELD_SIZE_LIMIT} by default, as
     * Python's {@code csv} module); a longer field is an error naming its line and column, raised
     * before memory is taken for it.
     *
     * @param chars at least 1
     * @return these options
     */
    public CsvOptions fieldSizeLimit(int chars) {
        if (chars < 1) {
            throw new IllegalArgumentException("CsvOptions: fieldSizeLimit must be at least 1. Received: fieldSizeLimit="
                    + chars);
        }
        this.fieldSizeLimit = chars;
        return this;
    }

    int labelIndex() {
        return labelIndex;
    }

    Optional<String> labelName() {
        return Optional.ofNullable(labelName);
    }

    Optional<Boolean> header() {
        return Optional.ofNullable(header);
    }

    char delimiter() {
        return delimiter;
    }

    double divisor() {
        return divisor;
    }

    Optional<int[]> reshape() {
        return Optional.ofNullable(reshape).map(int[]::clone);
    }

    boolean isOneHot() {
        return oneHot;
    }

    boolean isRegression() {
        return regression;
    }

    List<String> classNames() {
        return classNames;
    }

    int fieldSizeLimit() {
        return fieldSizeLimit;
    }

    Charset charset() {
        return charset;
    }

    boolean isSkipBadRows() {
        return skipBadRows;
    }

    @Override
    public String toString() {
        return "CsvOptions(label " + (labelName != null ? "'" + labelName + "'" : labelIndex)
                + ", header " + (header == null ? "auto" : header) + ", delimiter '" + delimiter + "'"
                + (divisor != 1 ? ", divideBy " + divisor : "")
                + (reshape != null ? ", reshape " + Shapes.format(reshape) : "")
                + (oneHot ? ", oneHot" : "") + (regression ? ", regression" : "")
                + (classNames.isEmpty() ? "" : ", classNames " + classNames)
                + (skipBadRows ? ", skipBadRows" : "")
                + (charset.equals(StandardCharsets.UTF_8) ? "" : ", charset " + charset.name())
                + (fieldSizeLimit == DEFAULT_FIELD_SIZE_LIMIT ? "" : ", fieldSizeLimit " + fieldSizeLimit) + ")";
    }
}
