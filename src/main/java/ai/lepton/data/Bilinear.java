package ai.lepton.data;

/**
 * Bilinear resizing of one channels-last image, with half-pixel centres as in TensorFlow's
 * {@code tf.image.resize} (which Keras's image loading uses), without antialiasing.
 */
final class Bilinear {
    private Bilinear() {
    }

    /**
     * @param src {@code (h, w, c)} row-major (not modified)
     * @return a new {@code (outH, outW, c)} array
     */
    static double[] resize(double[] src, int h, int w, int c, int outH, int outW) {
        if (h == outH && w == outW) {
            return src.clone();
        }
        double[] out = new double[outH * outW * c];
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int y = 0; y < outH; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                for (int k = 0; k < c; k++) {
                    double top = src[(y0 * w + x0) * c + k] * (1 - dx) + src[(y0 * w + x1) * c + k] * dx;
                    double bottom = src[(y1 * w + x0) * c + k] * (1 - dx) + src[(y1 * w + x1) * c + k] * dx;
                    out[(y * outW + x) * c + k] = top * (1 - dy) + bottom * dy;
                }
            }
        }
        return out;
    }
}
