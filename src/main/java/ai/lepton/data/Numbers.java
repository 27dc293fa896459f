package ai.lepton.data;

/**
 * Parses decimal numbers straight from characters: a fast exact path for plain decimals such
 * as {@code 255} or {@code -0.0375}, and {@link Double#parseDouble} for everything else.
 *
 * <p>The fast path is exact: a mantissa below 2<sup>53</sup> and a power of ten up to 10<sup>22</sup>
 * are both exact doubles, so one correctly rounded division gives the same double as
 * {@code parseDouble}.
 */
final class Numbers {
    private static final long MAX_EXACT = 1L << 53;
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
     * @return the number they spell, spaces around it allowed
     * @throws NumberFormatException if they do not spell a number
     */
    static double parse(char[] chars, int from, int to) {
        int i = from;
        int end = to;
        while (i < end && chars[i] == ' ') {
            i++;
        }
        while (end > i && chars[end - 1] == ' ') {
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
        return Double.parseDouble(new String(chars, i, end - i));
    }
}
