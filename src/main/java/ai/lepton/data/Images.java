package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads one image (PNG, JPEG, BMP or GIF, through {@code javax.imageio}) as a tensor, and writes a
 * tensor back as a PNG.
 *
 * <p>Values are in {@code [0, 1]}, channels-last. Grayscale is the ITU-R 601 luminance
 * {@code 0.299 R + 0.587 G + 0.114 B}; a gray image read as RGB repeats its value in the three
 * channels; an alpha channel is dropped unless 4 channels (RGBA) are asked for. The gray levels
 * of a grayscale file are read as stored, without a color-space conversion, so a PNG written by
 * {@link #save(Tensor, Path)} reads back exactly.
 *
 * <pre>{@code
 * Tensor x = Images.load(Path.of("cat.png"), 64, 64, 3);   // (1, 64, 64, 3), ready for predict
 * Images.save(x, Path.of("cat-64.png"));
 * }</pre>
 */
public final class Images {
    private Images() {
    }

    /** One decoded image: {@code (height, width, channels)} values in {@code [0, 255]}. */
    record Pixels(int height, int width, int channels, double[] values) {
    }

    /**
     * Reads an image, resized (bilinear) to the given size, with values in {@code [0, 1]}.
     *
     * @param file a PNG, JPEG, BMP or GIF file
     * @param height the height to resize to
     * @param width the width to resize to
     * @param channels 1 for grayscale, 3 for RGB, 4 for RGBA
     * @return a {@code (1, height, width, channels)} tensor
     * @throws DataFormatException if the file is missing or not a readable image
     * @throws IllegalArgumentException if a size is below 1 or channels is not 1, 3 or 4
     */
    public static Tensor load(Path file, int height, int width, int channels) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Images.load: height and width must be at least 1. Received: height="
                    + height + ", width=" + width);
        }
        Pixels p = read(file, channels);
        double[] v = Bilinear.resize(p.values(), p.height(), p.width(), channels, height, width);
        for (int i = 0; i < v.length; i++) {
            v[i] /= 255;
        }
        return Storage.wrap(v, 1, height, width, channels);
    }

    /**
     * Writes an image as a PNG; values are clipped to {@code [0, 1]} and rounded to 8 bits.
     *
     * @param image {@code (h, w, c)} or {@code (1, h, w, c)} with {@code c} 1 (gray) or 3 (RGB) (not modified)
     * @param file the file to write (replaced if it exists; its folder must exist)
     * @throws IllegalArgumentException if the shape is not an image or a value is NaN
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void save(Tensor image, Path file) {
        int[] s = Storage.shape(image);
        int r = s.length;
        if (!(r == 3 || (r == 4 && s[0] == 1)) || (s[r - 1] != 1 && s[r - 1] != 3)) {
            throw new IllegalArgumentException("Images.save: expected (h, w, c) or (1, h, w, c) with c = 1 or 3. "
                    + "Received: " + Shapes.format(s));
        }
        int h = s[r - 3];
        int w = s[r - 2];
        int c = s[r - 1];
        double[] v = Storage.data(image);
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * c;
                if (c == 1) {
                    raster.setSample(x, y, 0, toByte(v[at], at));
                } else {
                    img.setRGB(x, y, toByte(v[at], at) << 16 | toByte(v[at + 1], at + 1) << 8 | toByte(v[at + 2], at + 2));
                }
            }
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes an image at its own size into 1 or 3 channels with values in {@code [0, 255]}. */
    static Pixels read(Path file, int channels) {
        return read(file, channels, DEFAULT_MAX_PIXELS);
    }

    /**
     * Pillow's decompression-bomb threshold, {@code 89,478,485} pixels (a 256 MB RGBA image): an
     * image whose header declares more is refused before it is decoded.
     */
    static final long DEFAULT_MAX_PIXELS = 89_478_485L;

    /**
     * Decodes an image at its own size into 1 (gray), 3 (RGB) or 4 (RGBA) channels with values in
     * {@code [0, 255]}. The header's size is checked against {@code maxPixels} before any pixel is
     * decoded; a JPEG that ends before its end-of-image marker, or that the decoder warns about,
     * is an error rather than grey pixels.
     */
    static Pixels read(Path file, int channels, long maxPixels) {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("Images: channels must be 1 (grayscale), 3 (RGB) or 4 (RGBA). Received: channels="
                    + channels);
        }
        Inputs.requireFile(file);
        BufferedImage img = decode(file, maxPixels);
        int h = img.getHeight();
        int w = img.getWidth();
        double[] out = new double[Math.multiplyExact(h * w, channels)];
        ColorModel cm = img.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel) && channels != 4) {
            Raster raster = img.getRaster();
            double max = (1 << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double g = raster.getSample(x, y, 0) * 255.0 / max;
                    for (int k = 0; k < channels; k++) {
                        out[(y * w + x) * channels + k] = g;
                    }
                }
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                int red = argb[i] >> 16 & 0xff;
                int green = argb[i] >> 8 & 0xff;
                int blue = argb[i] & 0xff;
                if (channels == 1) {
                    out[i] = 0.299 * red + 0.587 * green + 0.114 * blue;
                } else {
                    out[channels * i] = red;
                    out[channels * i + 1] = green;
                    out[channels * i + 2] = blue;
                    if (channels == 4) {
                        out[4 * i + 3] = argb[i] >>> 24;
                    }
                }
            }
        }
        return new Pixels(h, w, channels, out);
    }

    /** Decodes with the first ImageIO reader for the file's format, failing on any warning. */
    private static BufferedImage decode(Path file, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(file, "not an image that javax.imageio can read (PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new DataFormatException(file, "the header declares " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " = " + pixels + " pixels, more than the limit of " + maxPixels
                            + " (a decompression bomb?); raise ImageOptions.maxPixels if the image is genuine");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new DataFormatException(file, "the decoder reports " + String.join("; ", warnings)
                            + " (truncated or corrupt?)");
                }
                if (reader.getFormatName().equalsIgnoreCase("jpeg")) {
                    requireJpegEnd(file);
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(file, 0, 0, "cannot decode the image (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    /** A JPEG ends with the end-of-image marker {@code FF D9}, perhaps followed by padding zeros. */
    private static void requireJpegEnd(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            int tail = (int) Math.min(size, 1024);
            byte[] b = new byte[tail];
            f.seek(size - tail);
            f.readFully(b);
            int end = tail - 1;
            while (end > 0 && b[end] == 0) {
                end--;
            }
            if (end < 1 || (b[end - 1] & 0xff) != 0xff || (b[end] & 0xff) != 0xd9) {
                throw new DataFormatException(file, "the JPEG data end before the end-of-image marker (FF D9): "
                        + "the file is truncated");
            }
        }
    }

    private static int toByte(double v, int index) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("Images.save: value at flat index " + index + " is NaN");
        }
        return (int) Math.round(Math.min(Math.max(v, 0), 1) * 255);
    }
}
