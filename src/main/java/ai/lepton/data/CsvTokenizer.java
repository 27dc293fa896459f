package ai.lepton.data;

import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a character stream into CSV records (RFC 4180) one at a time, without keeping more than
 * the current record: fields may be quoted, with {@code ""} for a quote and line breaks inside
 * quotes; lines end in LF, CRLF or CR; blank lines are skipped; the last line may lack its end.
 *
 * <p>The current record's fields are held in one reusable character buffer, so numeric cells are
 * parsed without creating a string per cell. A field longer than a limit is an error, so a file
 * with one huge field (or an unclosed quote) cannot exhaust the heap.
 */
final class CsvTokenizer implements Closeable {
    private static final int EOF = -1;

    private final Reader reader;
    private final char delimiter;
    private final Path file;
    private final int fieldSizeLimit;
    private final char[] input = new char[1 << 16];
    private int inputPos;
    private int inputEnd;
    private boolean started;

    private char[] chars = new char[256];
    private int charCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fieldCount;
    private int fieldStart;
    private int line = 1;
    private int recordLine;

    /**
     * @param fieldSizeLimit the most characters a field may hold; a longer one is an error before
     *     more memory is taken for it
     */
    CsvTokenizer(Reader reader, char delimiter, Path file, int fieldSizeLimit) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.file = file;
        this.fieldSizeLimit = fieldSizeLimit;
    }

    /**
     * Reads the next non-blank record.
     *
     * @return false at the end of the input
     * @throws DataFormatException if a quoted field is not closed or is followed by other characters
     */
    boolean next() {
        while (true) {
            int c = read();
            if (c == EOF) {
                return false;
            }
            charCount = 0;
            fieldCount = 0;
            recordLine = line;
            c = readRecord(c);
            if (!isBlank()) {
                return true;
            }
            if (c == EOF) {
                return false;
            }
        }
    }

    /** @return the 1-based line on which the current record starts */
    int line() {
        return recordLine;
    }

    /** @return the number of fields in the current record */
    int fields() {
        return fieldCount;
    }

    /** @return field {@code i} (0-based) of the current record, unquoted */
    String text(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /**
     * Field {@code i} as a number, parsed from the buffer; leading and trailing spaces are allowed.
     *
     * @throws NumberFormatException if the field is empty or not a number
     */
    double number(int i) {
        return Numbers.parse(chars, starts[i], ends[i]);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Reads fields until the end of a line (or the input); returns the character that ended it. */
    private int readRecord(int first) {
        int c = first;
        while (true) {
            fieldStart = charCount;
            c = c == '"' ? readQuoted() : readPlain(c);
            addField(fieldStart);
            if (c == delimiter) {
                c = read();
                if (c == EOF || c == '\n' || c == '\r') {
                    addField(charCount);
                    return endLine(c);
                }
            } else {
                return endLine(c);
            }
        }
    }

    private int readPlain(int first) {
        int c = first;
        while (c != EOF && c != delimiter && c != '\n' && c != '\r') {
            append((char) c);
            c = read();
        }
        return c;
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted() {
        int openLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new DataFormatException(file, openLine, fieldCount + 1,
                        "a quoted field opened here is never closed", null);
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    if (c != EOF && c != delimiter && c != '\n' && c != '\r') {
                        throw new DataFormatException(file, line, fieldCount + 1, "unexpected character '"
                                + (char) c + "' after the closing quote of a field", null);
                    }
                    return c;
                }
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append((char) c);
        }
    }

    /** Consumes a line end (CR, LF or CRLF) and counts it. */
    private int endLine(int c) {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c != EOF) {
            line++;
        }
        return c;
    }

    private boolean isBlank() {
        if (fieldCount != 1) {
            return false;
        }
        for (int i = starts[0]; i < ends[0]; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private void addField(int start) {
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, fieldCount * 2);
            ends = Arrays.copyOf(ends, fieldCount * 2);
        }
        starts[fieldCount] = start;
        ends[fieldCount] = charCount;
        fieldCount++;
    }

    private void append(char c) {
        if (charCount - fieldStart == fieldSizeLimit) {
            throw new DataFormatException(file, recordLine, fieldCount + 1, "a field longer than " + fieldSizeLimit
                    + " characters" + (line > recordLine ? " (spanning lines " + recordLine + " to " + line
                    + ": a quote never closed?)" : "") + "; if that is intended, raise CsvOptions.fieldSizeLimit(...)",
                    null);
        }
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, charCount * 2);
        }
        chars[charCount++] = c;
    }

    private int read() {
        if (inputPos == inputEnd && !fill()) {
            return EOF;
        }
        return input[inputPos++];
    }

    private int peek() {
        if (inputPos == inputEnd && !fill()) {
            return EOF;
        }
        return input[inputPos];
    }

    private boolean fill() {
        try {
            int n = reader.read(input, 0, input.length);
            inputPos = 0;
            inputEnd = Math.max(n, 0);
            if (!started && n > 0 && input[0] == '\uFEFF') {
                inputPos = 1; // a byte-order mark some editors write at the start
            }
            started = true;
            return inputPos < inputEnd || (n > 0 && fill());
        } catch (CharConversionException e) {
            throw new DataFormatException(file, line, 0, e.getMessage() + " (save the file as UTF-8, or name its "
                    + "encoding with CsvOptions.charset(...))", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " near line " + line + ": " + e.getMessage(), e);
        }
    }
}
