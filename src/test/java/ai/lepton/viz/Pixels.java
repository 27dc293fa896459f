package ai.lepton.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Counting pixels in a region of a picture, for the image tests. */
final class Pixels {
    private Pixels() {
    }

    /** @return how many pixels of the region are within {@code tolerance} (per channel) of {@code colour} */
    static int count(BufferedImage image, int x0, int y0, int width, int height, Color colour, int tolerance) {
        int n = 0;
        for (int y = y0; y < Math.min(image.getHeight(), y0 + height); y++) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + width); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) <= tolerance && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** @return how many pixels of the region differ from {@code background} by more than {@code tolerance} in a channel */
    static int differing(BufferedImage image, int x0, int y0, int width, int height, Color background, int tolerance) {
        return width * height - count(image, x0, y0, width, height, background, tolerance);
    }
}
