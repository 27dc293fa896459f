package ai.lepton.viz;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/** The colours and fonts every picture of this package shares, so the PNGs, SVGs and pages match. */
final class Palette {
    /** Training series: solid blue. */
    static final Color TRAIN = new Color(0x1f77b4);
    /** Validation series: dashed orange. */
    static final Color VALIDATION = new Color(0xff7f0e);
    /** Wrong predictions. */
    static final Color MISTAKE = new Color(0xd62728);
    /** Text and axes. */
    static final Color INK = new Color(0x333333);
    /** Grid lines. */
    static final Color GRID = new Color(0xdddddd);

    private Palette() {
    }

    /** @return the series colour for training or validation values */
    static Color of(boolean validation) {
        return validation ? VALIDATION : TRAIN;
    }

    /** @return {@code #rrggbb} */
    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }

    /** @return the sans-serif font at {@code size} points, bold or plain */
    static Font font(int size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size);
    }
}
