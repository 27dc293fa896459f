package ai.lepton.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to read a folder of images, with the options of Keras's {@code image_dataset_from_directory}
 * in Java case: image size, color mode, interpolation, label mode, validation split, shuffling,
 * batch size, plus scaling and a decompression-bomb limit.
 *
 * <p>Defaults, as Keras's but scaled: RGB, the images' own size (which must then be the same for
 * all; Keras resizes to 256x256), bilinear interpolation, values divided by 255 into
 * {@code [0, 1]}, every sub-folder not starting with "." a class in sorted order, integer labels,
 * batches of 32 shuffled each epoch with seed 0, symbolic links not followed. The setters change
 * this object and return it.
 *
 * <pre>{@code
 * ImageOptions.create().imageSize(28, 28).colorMode("grayscale");    // x (n, 28, 28, 1)
 * ImageOptions.create().divideBy(1);                                  // raw values 0..255
 * ImageOptions.create().imageSize(180, 180).validationSplit(0.2).subset("training").seed(1337);
 * }</pre>
 */
public final class ImageOptions {
    private static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest");
    private static final List<String> LABEL_MODES = List.of("int", "categorical", "binary");

    private int height;
    private int width;
    private int channels = 3;
    private double divisor = 255;
    private List<String> classNames = List.of();
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;
    private String labelMode = "int";
    private double validationSplit;
    private String subset;
    private Long seed;
    private boolean shuffle = true;
    private int batchSize = DataLoader.DEFAULT_BATCH_SIZE;
    private boolean followLinks;
    private long maxPixels = Images.DEFAULT_MAX_PIXELS;

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
        return size("targetSize", height, width);
    }

    /**
     * Resizes every image to this size, as Keras's {@code image_size=(height, width)}; the same as
     * {@link #targetSize(int, int)}.
     *
     * @param height the height in pixels, at least 1
     * @param width the width in pixels, at least 1
     * @return these options
     * @throws IllegalArgumentException if a size is below 1 or one RGBA image of that size would
     *     not fit in a Java array
     */
    public ImageOptions imageSize(int height, int width) {
        return size("imageSize", height, width);
    }

    private ImageOptions size(String option, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ImageOptions." + option + ": sizes must be at least 1. Received: height="
                    + height + ", width=" + width);
        }
        if ((long) height * width * 4 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ImageOptions." + option + ": " + height + "x" + width
                    + " pixels of up to 4 channels are more values than one Java array holds (2^31 - 1). Received: height="
                    + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * The channels, as Keras's {@code color_mode}.
     *
     * @param mode {@code "grayscale"} (1 channel), {@code "rgb"} (3) or {@code "rgba"} (4)
     * @return these options
     * @throws IllegalArgumentException for another mode
     */
    public ImageOptions colorMode(String mode) {
        this.channels = switch (mode) {
            case "grayscale" -> 1;
            case "rgb" -> 3;
            case "rgba" -> 4;
            default -> throw new IllegalArgumentException("ImageOptions.colorMode must be \"grayscale\", \"rgb\" or \"rgba\". "
                    + "Received: colorMode=" + mode);
        };
        return this;
    }

    /**
     * How images are resized, as Keras's {@code interpolation}.
     *
     * @param method {@code "bilinear"} (the default) or {@code "nearest"}
     * @return these options
     * @throws IllegalArgumentException for another method
     */
    public ImageOptions interpolation(String method) {
        if (!INTERPOLATIONS.contains(method)) {
            throw new IllegalArgumentException("ImageOptions.interpolation must be one of " + INTERPOLATIONS
                    + ". Received: interpolation=" + method);
        }
        this.interpolation = method;
        return this;
    }

    /**
     * Crops the largest centred window with the aspect ratio of the image size before resizing, so
     * that images are not distorted, as Keras's {@code crop_to_aspect_ratio}.
     *
     * @param crop true to crop
     * @return these options
     */
    public ImageOptions cropToAspectRatio(boolean crop) {
        this.cropToAspectRatio = crop;
        return this;
    }

    /**
     * The labels, as Keras's {@code label_mode}: {@code "int"} class indices {@code (n,)},
     * {@code "categorical"} one-hot rows {@code (n, classes)}, or {@code "binary"} 0 or 1 as
     * {@code (n, 1)} (exactly two classes).
     *
     * @param mode {@code "int"}, {@code "categorical"} or {@code "binary"}
     * @return these options
     * @throws IllegalArgumentException for another mode
     */
    public ImageOptions labelMode(String mode) {
        if (!LABEL_MODES.contains(mode)) {
            throw new IllegalArgumentException("ImageOptions.labelMode must be one of " + LABEL_MODES
                    + ". Received: labelMode=" + mode);
        }
        this.labelMode = mode;
        return this;
    }

    /**
     * Holds out a fraction of the images, as Keras's {@code validation_split}: the files are
     * shuffled with the seed as Keras shuffles them, and the last {@code (int) (n * fraction)} are
     * the validation subset. Two readers with the same folder, fraction and seed, one for each
     * {@link #subset(String)}, split it the same way.
     *
     * @param fraction in {@code (0, 1)}
     * @return these options
     * @throws IllegalArgumentException if the fraction is not in {@code (0, 1)}
     */
    public ImageOptions validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("ImageOptions.validationSplit must be in (0, 1). Received: validationSplit="
                    + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /**
     * Which part of a {@link #validationSplit(double)} to read, as Keras's {@code subset}.
     *
     * @param name {@code "training"} or {@code "validation"}
     * @return these options
     * @throws IllegalArgumentException for another name
     */
    public ImageOptions subset(String name) {
        if (!name.equals("training") && !name.equals("validation")) {
            throw new IllegalArgumentException("ImageOptions.subset must be \"training\" or \"validation\". Received: subset="
                    + name);
        }
        this.subset = name;
        return this;
    }

    /**
     * The seed of the file shuffle of a validation split and of each epoch's order.
     *
     * @param value the seed
     * @return these options
     */
    public ImageOptions seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Whether to shuffle the files (before a validation split) and each epoch's batches, as
     * Keras's {@code shuffle}; the default is true.
     *
     * @param value false to keep the files in order
     * @return these options
     */
    public ImageOptions shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /**
     * The images per batch of a streaming loader ({@link DataLoader#images(Path, ImageOptions)}).
     *
     * @param size at least 1; the default is 32
     * @return these options
     * @throws IllegalArgumentException if the size is below 1
     */
    public ImageOptions batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ImageOptions.batchSize must be at least 1. Received: batchSize=" + size);
        }
        this.batchSize = size;
        return this;
    }

    /**
     * Whether to follow symbolic links to class folders and images, as Keras's {@code follow_links};
     * off by default, so a link cannot pull files from elsewhere into the data.
     *
     * @param follow true to follow them
     * @return these options
     */
    public ImageOptions followLinks(boolean follow) {
        this.followLinks = follow;
        return this;
    }

    /**
     * The most pixels an image's header may declare; larger images are refused before they are
     * decoded (decompression bombs). The default is Pillow's, 89,478,485.
     *
     * @param pixels at least 1
     * @return these options
     * @throws IllegalArgumentException if below 1
     */
    public ImageOptions maxPixels(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("ImageOptions.maxPixels must be at least 1. Received: maxPixels=" + pixels);
        }
        this.maxPixels = pixels;
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

    /** @return an independent copy, so that a loader is not changed by later changes to these options */
    ImageOptions copy() {
        ImageOptions c = new ImageOptions();
        c.height = height;
        c.width = width;
        c.channels = channels;
        c.divisor = divisor;
        c.classNames = classNames;
        c.interpolation = interpolation;
        c.cropToAspectRatio = cropToAspectRatio;
        c.labelMode = labelMode;
        c.validationSplit = validationSplit;
        c.subset = subset;
        c.seed = seed;
        c.shuffle = shuffle;
        c.batchSize = batchSize;
        c.followLinks = followLinks;
        c.maxPixels = maxPixels;
        return c;
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

    String interpolation() {
        return interpolation;
    }

    boolean cropToAspectRatio() {
        return cropToAspectRatio;
    }

    String labelMode() {
        return labelMode;
    }

    double validationSplit() {
        return validationSplit;
    }

    String subset() {
        return subset;
    }

    Long seed() {
        return seed;
    }

    boolean shuffle() {
        return shuffle;
    }

    int batchSize() {
        return batchSize;
    }

    boolean followLinks() {
        return followLinks;
    }

    long maxPixels() {
        return maxPixels;
    }
}
