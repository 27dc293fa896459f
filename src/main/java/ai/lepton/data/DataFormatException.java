package ai.lepton.data;

import java.nio.file.Path;

/**
 * Thrown when input data cannot be read as asked: the one exception type for bad data in Lepton.
 *
 * <p>It names the file and, where they apply, the line and column (both 1-based; 0 when they do
 * not apply, e.g. for an image or a binary IDX file). The message starts with the location and
 * then says what was found and what was expected, e.g.
 * {@code train.csv, line 3, column 2: "abc" is not a number}.
 *
 * <pre>{@code
 * try {
 *     Dataset data = Csv.read(Path.of("train.csv"));
 * } catch (DataFormatException e) {
 *     System.err.println(e.file() + " line " + e.line() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Held as text because {@link Path} is not serializable. */
    private final String file;
    private final int line;
    private final int column;

    /**
     * Bad data somewhere in a file (or an image, or a folder).
     *
     * @param file the file or folder at fault
     * @param problem what was found and what was expected
     */
    public DataFormatException(Path file, String problem) {
        this(file, 0, 0, problem, null);
    }

    /**
     * Bad data at a line and column of a text file.
     *
     * @param file the file at fault
     * @param line the 1-based line, or 0 if it does not apply
     * @param column the 1-based column, or 0 if it does not apply
     * @param problem what was found and what was expected
     * @param cause the underlying exception, or {@code null}
     */
    public DataFormatException(Path file, int line, int column, String problem, Throwable cause) {
        super(location(file, line, column) + ": " + problem, cause);
        this.file = String.valueOf(file);
        this.line = line;
        this.column = column;
    }

    /**
     * @return the file (or folder) at fault
     */
    public Path file() {
        return Path.of(file);
    }

    /**
     * @return the 1-based line of the bad data, or 0 if it does not apply
     */
    public int line() {
        return line;
    }

    /**
     * @return the 1-based column of the bad data, or 0 if it does not apply
     */
    public int column() {
        return column;
    }

    private static String location(Path file, int line, int column) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
        }
        return sb.toString();
    }
}
