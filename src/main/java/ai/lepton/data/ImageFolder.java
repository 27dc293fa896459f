package ai.lepton.data;

import java.nio.file.Path;

/**
 * Reads a folder with one sub-folder of images per class into a {@link Dataset}, as Keras's
 * {@code image_dataset_from_directory}.
 *
 * <p>Class folders are sorted by name (or ordered by {@link ImageOptions#classNames(String...)});
 * inside each, image files ({@code .png .jpg .jpeg .bmp .gif}, also in nested folders) are taken
 * in order of their folders and names; names starting with "." are skipped, other files with a
 * warning. Like Keras, it logs {@code Found N files belonging to M classes.} All images are
 * decoded now and kept as float32; {@link DataLoader#images(Path, ImageOptions)} streams them
 * instead, for folders larger than memory. A validation split reads the subset the options name,
 * as Keras's {@code image_dataset_from_directory} does.
 *
 * <pre>{@code
 * photos/
 *   cat/  a.png b.jpg ...
 *   dog/  c.png ...
 * Dataset pets = ImageFolder.read(Path.of("photos"), ImageOptions.create().targetSize(64, 64));
 * pets.x();            // (n, 64, 64, 3) in [0, 1]
 * pets.classNames();   // [cat, dog]
 * }</pre>
 */
public final class ImageFolder {

    private ImageFolder() {
    }

    /**
     * Reads RGB images of one size, scaled to {@code [0, 1]}.
     *
     * @param dir the folder of class folders
     * @return {@code x (n, h, w, 3)}, {@code y (n,)} class indices, with the class names
     * @throws DataFormatException if the folder is missing, a class folder is empty, an image is
     *     unreadable or its size differs from the first image's
     */
    public static Dataset read(Path dir) {
        return read(dir, ImageOptions.create());
    }

    /**
     * Reads images as the options say.
     *
     * @param dir the folder of class folders
     * @param options target size, color mode, scaling, class folders (not modified)
     * @return {@code x (n, h, w, c)}, {@code y (n,)} class indices, with the class names
     * @throws DataFormatException if the folder is missing, a class folder is empty or missing, an
     *     image is unreadable or (without a target size) its size differs from the first image's
     */
    public static Dataset read(Path dir, ImageOptions options) {
        ImageIndex index = ImageIndex.of(dir, options);
        int[] size = ImageDecoder.size(index.files().get(0), options);
        int c = options.channels();
        int row = Math.multiplyExact(size[0] * size[1], c);
        float[] x = new float[Math.multiplyExact(index.size(), row)];
        for (int i = 0; i < index.size(); i++) {
            Path file = index.files().get(i);
            double[] v = pixels(file, options, size, index.files().get(0));
            for (int k = 0; k < row; k++) {
                x[i * row + k] = (float) v[k];
            }
        }
        return Dataset.ofFloats(x, new int[] {index.size(), size[0], size[1], c}, options.divisor(),
                ImageLabels.of(index, options), index.classNames());
    }

    /** One image's values {@code 0..255} at the folder's size; without a set size, it must have the first image's. */
    static double[] pixels(Path file, ImageOptions options, int[] size, Path first) {
        if (options.targetSize().isEmpty()) {
            Images.Pixels p = Images.read(file, options.channels(), options.maxPixels());
            if (p.height() != size[0] || p.width() != size[1]) {
                throw new DataFormatException(file, "the image is " + p.height() + "x" + p.width()
                        + " (height x width), but " + first + " is " + size[0] + "x" + size[1]
                        + "; set ImageOptions.imageSize(height, width) to resize them all");
            }
            return p.values();
        }
        return ImageDecoder.decode(file, options, size[0], size[1]);
    }
}
