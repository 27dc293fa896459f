package ai.lepton.models;

import ai.lepton.layers.Layer;
import ai.lepton.tensor.Shapes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Renders Keras 3's {@code model.summary()} table for a Sequential model at Keras's default
 * width of 88 characters: columns of 38, 29 and 17 characters, a heavy header, a light line
 * between rows, then the parameter totals with their memory size (8 bytes per parameter, as
 * Lepton stores doubles). A cell longer than its column widens its row rather than wrapping.
 */
final class Summary {
    private static final int[] WIDTHS = {38, 29, 17};
    private static final int BYTES_PER_PARAM = Double.BYTES;

    private Summary() {
    }

    /**
     * @param model a built model
     * @return the table, lines ending in {@code \n}
     */
    static String of(Sequential model) {
        StringBuilder text = new StringBuilder();
        text.append("Model: \"").append(model.name()).append("\"\n");
        text.append(rule('┏', '━', '┳', '┓'));
        text.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
        text.append(rule('┡', '━', '╇', '┩'));
        long total = 0;
        int n = model.layers().size();
        for (int i = 0; i < n; i++) {
            Layer layer = model.layers().get(i);
            int params = layer.countParams();
            total += params;
            text.append(row('│', layer.name() + " (" + layer.getClass().getSimpleName() + ")",
                    Shapes.formatBatched(layer.outputShape()), String.format(Locale.ROOT, "%,d", params)));
            text.append(i < n - 1 ? rule('├', '─', '┼', '┤') : rule('└', '─', '┴', '┘'));
        }
        text.append(totals(" Total params: ", total));
        text.append(totals(" Trainable params: ", total));
        text.append(totals(" Non-trainable params: ", 0));
        return text.toString();
    }

    private static String rule(char left, char fill, char join, char right) {
        StringBuilder line = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            line.append(String.valueOf(fill).repeat(WIDTHS[c])).append(c < WIDTHS.length - 1 ? join : right);
        }
        return line.append('\n').toString();
    }

    private static String row(char bar, String name, String shape, String params) {
        return bar + " " + left(name, WIDTHS[0] - 2) + " " + bar + " " + left(shape, WIDTHS[1] - 2) + " " + bar + " "
                + right(params, WIDTHS[2] - 2) + " " + bar + "\n";
    }

    private static String left(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String right(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String totals(String label, long count) {
        return label + String.format(Locale.ROOT, "%,d", count) + " (" + readableSize((double) count * BYTES_PER_PARAM) + ")\n";
    }

    /** Keras's {@code readable_memory_size}: B, KB, MB, ... in steps of 1024, two decimals. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        for (String unit : units) {
            if (size / 1024 < 1) {
                return twoDecimals(size) + " " + unit;
            }
            size /= 1024;
        }
        return twoDecimals(size) + " " + units[units.length - 1];
    }

    private static String twoDecimals(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
