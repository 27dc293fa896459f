package ai.lepton.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses decimal numbers straight from characters: a fast exact path for plain decimals such
 * as {@code 255} or {@code -0.0375}, and {@link Double#parseDouble} for everything else that
 * the decimal grammar allows.
 *
 * <p>The grammar is the one pandas and Python's {@code float()} read: an optional sign, digits
 * with an optional decimal point, an optional exponent ({@code 1e-3}, {@code .5}, {@code 7.}), or
 * the words {@code nan}, {@code inf} and {@code infinity} in any case and with an optional sign.
 * Java's own extras are refused, so that a typo cannot pass as a number: type suffixes
 * ({@code 1f}, {@code 2d}) and hexadecimal ({@code 0x1p3}).
 *
 * <p>The fast path is exact: a mantissa below 2<sup>53</sup> and a power of ten up to 10<sup>22</sup>
 * are both exact doubles, so one correctly rounded division gives the same double as
 * {@code parseDouble}.
 */
final class Numbers {
    private static final long MAX_EXACT = 1L << 53;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private Numbers() {
    }

    /**
     * @param chars the characters (not modified)
     * @param from the first character, inclusive
     * @param to the end, exclusive
     * @return the number they spell, spaces and tabs around it allowed
     * @throws NumberFormatException if they do not spell a number
     */
    static double parse(char[] chars, int from, int to) {
        int i = from;
        int end = to;
        while (i < end && (chars[i] == ' ' || chars[i] == '\t')) {
            i++;
        }
        while (end > i && (chars[end - 1] == ' ' || chars[end - 1] == '\t')) {
            end--;
        }
        boolean negative = i < end && chars[i] == '-';
        int p = negative || (i < end && chars[i] == '+') ? i + 1 : i;
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < end; p++) {
            char c = chars[p];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
                if (mantissa >= MAX_EXACT) {
                    break;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                break;
            }
        }
        if (p == end && digits > 0 && fraction < POWERS_OF_TEN.length) {
            double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
            return negative ? -v : v;
        }
        if (i == end) {
            throw new NumberFormatException("empty cell");
        }
        String text = new String(chars, i, end - i);
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        String word = text.toLowerCase(Locale.ROOT);
        boolean minus = word.startsWith("-");
        word = minus || word.startsWith("+") ? word.substring(1) : word;
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return minus ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException("not a decimal number: \"" + text + "\"");
    }
}
