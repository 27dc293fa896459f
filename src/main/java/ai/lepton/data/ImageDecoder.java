package ai.lepton.data;

import java.nio.file.Path;

/**
 * Turns one image file into the values a batch holds, as Keras's {@code load_image} does: decode
 * into the color mode's channels, crop to the aspect ratio if asked, resize with the chosen
 * interpolation; values stay {@code 0..255}.
 */
final class ImageDecoder {
    private ImageDecoder() {
    }

    /**
     * @param file the image
     * @param options color mode, interpolation, crop, pixel limit (not modified)
     * @param height the height wanted
     * @param width the width wanted
     * @return {@code (height, width, channels)} values in {@code [0, 255]} (a new array)
     * @throws DataFormatException naming the file if it cannot be decoded or is too large
     */
    static double[] decode(Path file, ImageOptions options, int height, int width) {
        int c = options.channels();
        Images.Pixels p = Images.read(file, c, options.maxPixels());
        double[] v = p.values();
        int h = p.height();
        int w = p.width();
        if (options.cropToAspectRatio()) {
            int cropH = Math.max(Math.min(h, (int) ((double) w * height / width)), 1);
            int cropW = Math.max(Math.min(w, (int) ((double) h * width / height)), 1);
            int top = (h - cropH) / 2;
            int left = (w - cropW) / 2;
            double[] crop = new double[cropH * cropW * c];
            for (int y = 0; y < cropH; y++) {
                System.arraycopy(v, ((top + y) * w + left) * c, crop, y * cropW * c, cropW * c);
            }
            v = crop;
            h = cropH;
            w = cropW;
        }
        if (h == height && w == width) {
            return v;
        }
        return options.interpolation().equals("nearest") ? nearest(v, h, w, c, height, width)
                : Bilinear.resize(v, h, w, c, height, width);
    }

    /** Nearest-neighbour resizing with half-pixel centres, as {@code tf.image.resize(method="nearest")}. */
    static double[] nearest(double[] src, int h, int w, int c, int outH, int outW) {
        double[] out = new double[outH * outW * c];
        for (int y = 0; y < outH; y++) {
            int sy = Math.min((int) Math.floor((y + 0.5) * h / outH), h - 1);
            for (int x = 0; x < outW; x++) {
                int sx = Math.min((int) Math.floor((x + 0.5) * w / outW), w - 1);
                System.arraycopy(src, (sy * w + sx) * c, out, (y * outW + x) * c, c);
            }
        }
        return out;
    }

    /**
     * The image size a folder's images come out at: the options' size, or the first image's own.
     *
     * @param first the first image, read only if no size is set
     * @param options the options (not modified)
     * @return {@code {height, width}}
     */
    static int[] size(Path first, ImageOptions options) {
        if (options.targetSize().isPresent()) {
            return options.targetSize().get();
        }
        Images.Pixels p = Images.read(first, options.channels(), options.maxPixels());
        return new int[] {p.height(), p.width()};
    }
}
