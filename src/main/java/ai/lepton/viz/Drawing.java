package ai.lepton.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The Java2D set-up and text placement that the hand-drawn pictures share. */
final class Drawing {
    private Drawing() {
    }

    /** @return a white RGB image and its graphics, anti-aliased (the caller disposes the graphics) */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Palette.INK);
        return g;
    }

    /** Draws {@code text} centred on {@code cx} and vertically on {@code cy}. */
    static void centred(Graphics2D g, String text, double cx, double cy) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (cx - m.stringWidth(text) / 2.0), (float) (cy + (m.getAscent() - m.getDescent()) / 2.0));
    }

    /** @return {@code text}, shortened with an ellipsis to fit {@code width} pixels in the current font */
    static String fit(Graphics2D g, String text, int width) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && m.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** @return the pixel width of {@code text} in {@code font}, measured without a picture to draw on */
    static int width(Font font, String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }
}
