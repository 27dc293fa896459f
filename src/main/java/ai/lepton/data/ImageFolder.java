package ai.lepton.data;

import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder with one sub-folder of images per class into a {@link Dataset}, as Keras's
 * {@code image_dataset_from_directory}.
 *
 * <p>Class folders are sorted by name (or ordered by {@link ImageOptions#classNames(String...)});
 * inside each, image files ({@code .png .jpg .jpeg .bmp .gif}, also in nested folders) are taken
 * in order of their paths. Other files are skipped with a warning. Like Keras, it logs
 * {@code Found N files belonging to M classes.} For a validation split, split the result with a
 * seed: {@code ImageFolder.read(dir).split(0.2, 42)}.
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
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

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
        List<String> classes = classFolders(dir, options.classNames());
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int skipped = 0;
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            List<Path> all = list(classDir, Files::isRegularFile, true);
            List<Path> images = all.stream().filter(ImageFolder::isImage).collect(Collectors.toList());
            if (images.isEmpty()) {
                throw new DataFormatException(classDir, "the class folder '" + classes.get(c)
                        + "' has no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
            }
            skipped += all.size() - images.size();
            for (Path image : images) {
                files.add(image);
                labels.add(c);
            }
        }
        LOG.info("Found {} files belonging to {} classes.", files.size(), classes.size());
        if (skipped > 0) {
            LOG.warn("{}: skipped {} files that are not images (by their extension)", dir, skipped);
        }
        double[] y = labels.stream().mapToDouble(Integer::doubleValue).toArray();
        return pixels(files, options, Storage.wrap(y, y.length), classes);
    }

    /** Decodes every image into float32 values {@code 0..255}, divided as the options say one batch at a time. */
    private static Dataset pixels(List<Path> files, ImageOptions options, Tensor y, List<String> classes) {
        int c = options.channels();
        int[] size = options.targetSize().orElse(null);
        float[] x = null;
        Path first = files.get(0);
        for (int i = 0; i < files.size(); i++) {
            Images.Pixels p = Images.read(files.get(i), c);
            if (size == null) {
                size = new int[] {p.height(), p.width()};
            } else if (options.targetSize().isEmpty() && (p.height() != size[0] || p.width() != size[1])) {
                throw new DataFormatException(files.get(i), "the image is " + p.height() + "x" + p.width()
                        + " (height x width), but " + first + " is " + size[0] + "x" + size[1]
                        + "; set ImageOptions.targetSize(height, width) to resize them all");
            }
            int row = size[0] * size[1] * c;
            if (x == null) {
                x = new float[Math.multiplyExact(files.size(), row)];
            }
            double[] v = Bilinear.resize(p.values(), p.height(), p.width(), c, size[0], size[1]);
            for (int k = 0; k < row; k++) {
                x[i * row + k] = (float) v[k];
            }
        }
        return Dataset.ofFloats(x, new int[] {files.size(), size[0], size[1], c}, options.divisor(), y, classes);
    }

    private static List<String> classFolders(Path dir, List<String> given) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, Files.exists(dir) ? "is a file, expected a folder of class folders"
                    : "no such folder");
        }
        List<String> found = list(dir, Files::isDirectory, false).stream()
                .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        if (found.isEmpty()) {
            throw new DataFormatException(dir, "has no class folders: expected one sub-folder of images per class");
        }
        if (!given.isEmpty() && !new HashSet<>(given).equals(new HashSet<>(found))) {
            throw new DataFormatException(dir, "the class names " + given + " do not match the sub-folders " + found);
        }
        return given.isEmpty() ? found : given;
    }

    private static List<Path> list(Path dir, Predicate<Path> keep, boolean recursive) {
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(keep).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
