package ai.lepton.viz;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten that cover a range with about the
 * requested number of ticks, and labels with as many decimals as the step needs.
 *
 * @param lo the first tick (at or below the data's minimum)
 * @param hi the end of the range: the last tick is the last step at or below it
 * @param step the distance between ticks
 */
record Ticks(double lo, double hi, double step) {

    /**
     * @param min the smallest value to cover (finite)
     * @param max the largest value to cover (finite, at least {@code min})
     * @param count about how many intervals to make, at least 1
     * @param integers whether ticks must be whole numbers (epochs)
     */
    static Ticks cover(double min, double max, int count, boolean integers) {
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / count;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
        if (integers) {
            step = Math.max(1, Math.rint(step));
        }
        return new Ticks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
    }

    /** @return the tick values from {@link #lo} to {@link #hi} */
    List<Double> values() {
        List<Double> v = new ArrayList<>();
        long n = (long) Math.floor((hi - lo) / step + 1e-9);
        for (long i = 0; i <= n; i++) {
            v.add(lo + i * step);
        }
        return v;
    }

    /** @return {@code value} with the decimals the step needs, e.g. {@code 0.25} for step 0.05 */
    String label(double value) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
