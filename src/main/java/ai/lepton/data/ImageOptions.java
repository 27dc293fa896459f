package ai.lepton.data;

import java.util.List;
import java.util.Optional;

/**
 * How to read a folder of images: target size, color mode, scaling and the class folders.
 *
 * <p>Defaults, as Keras's {@code image_dataset_from_directory} but scaled: RGB, the images' own
 * size (which must then be the same for all), values divided by 255 into {@code [0, 1]}, every
 * sub-folder a class in sorted order. The setters change this object and return it.
 *
 * <pre>{@code
 * ImageOptions.create().targetSize(28, 28).grayscale();    // x (n, 28, 28, 1)
 * ImageOptions.create().divideBy(1);                        // raw values 0..255
 * }</pre>
 */
public final class ImageOptions {
    private int height;
    private int width;
    private int channels = 3;
    private double divisor = 255;
    private List<String> classNames = List.of();

    private ImageOptions() {
    }

    /**
     * @return the default options
     */
    public static ImageOptions create() {
        return new ImageOptions();
    }

    /**
     * Resizes every image (bilinear) to this size.
     *
     * @param height the height in pixels, at least 1
     * @param width the width in pixels, at least 1
     * @return these options
     */
    public ImageOptions targetSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ImageOptions.targetSize: sizes must be at least 1. Received: height="
                    + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * One channel: the luminance of color images.
     *
     * @return these options
     */
    public ImageOptions grayscale() {
        this.channels = 1;
        return this;
    }

    /**
     * Three channels, red, green, blue (the default); alpha is dropped.
     *
     * @return these options
     */
    public ImageOptions rgb() {
        this.channels = 3;
        return this;
    }

    /**
     * Divides every value (0..255) by a constant; the default 255 gives {@code [0, 1]}.
     *
     * @param divisor a finite non-zero number
     * @return these options
     */
    public ImageOptions divideBy(double divisor) {
        if (divisor == 0 || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("ImageOptions: divisor must be finite and non-zero. Received: divisor="
                    + divisor);
        }
        this.divisor = divisor;
        return this;
    }

    /**
     * The class folders in index order, instead of all sub-folders sorted by name; they must be
     * exactly the sub-folders present, as in Keras.
     *
     * @param names the folder names, class 0 first
     * @return these options
     */
    public ImageOptions classNames(String... names) {
        this.classNames = List.of(names);
        return this;
    }

    Optional<int[]> targetSize() {
        return height == 0 ? Optional.empty() : Optional.of(new int[] {height, width});
    }

    int channels() {
        return channels;
    }

    double divisor() {
        return divisor;
    }

    List<String> classNames() {
        return classNames;
    }
}
