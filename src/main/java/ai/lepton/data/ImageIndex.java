package ai.lepton.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image files of a folder of class folders and their labels, found as Keras's
 * {@code index_directory} finds them: class folders sorted by name, files sorted by folder then
 * name, names starting with "." skipped, symbolic links followed only when asked; then shuffled
 * with NumPy's {@code RandomState(seed)} and cut for a validation split exactly as Keras does, so
 * the two subsets of one folder never overlap.
 *
 * @param dir the folder of class folders
 * @param files the image files, in order
 * @param labels the class index of each file
 * @param classNames the class folder names, class 0 first
 */
record ImageIndex(Path dir, List<Path> files, int[] labels, List<String> classNames) {
    /** Logs as {@link ImageFolder}, the class users know. */
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /**
     * Lists and splits a folder.
     *
     * @param dir the folder of class folders
     * @param options class names, links, shuffle, seed, validation split and subset (not modified)
     * @return the files of the chosen subset
     * @throws DataFormatException if the folder or a class folder is missing or a class folder has no images
     * @throws IllegalArgumentException if a validation split lacks a subset, or is shuffled without a seed
     */
    static ImageIndex of(Path dir, ImageOptions options) {
        checkSplit(options);
        List<String> classes = classFolders(dir, options);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int skipped = 0;
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            List<Path> all = walk(classDir, options.followLinks());
            List<Path> images = all.stream().filter(ImageIndex::isImage).toList();
            if (images.isEmpty()) {
                throw new DataFormatException(classDir, "the class folder '" + classes.get(c) + "' has no images ("
                        + String.join(", ", EXTENSIONS.stream().sorted().toList()) + "; names starting with \".\" are skipped)");
            }
            skipped += all.size() - images.size();
            for (Path image : images) {
                files.add(image);
                labels.add(c);
            }
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} files that are not images (by their extension)", dir, skipped);
        }
        int n = files.size();
        int[] order = options.shuffle() && options.seed() != null ? new NumpyRandom(options.seed()).permutation(n)
                : Shuffle.identity(n);
        int from = 0;
        int to = n;
        if (options.validationSplit() > 0) {
            int numVal = (int) (options.validationSplit() * n);
            if (options.subset().equals("training")) {
                to = n - numVal;
            } else {
                from = n - numVal;
            }
            LOG.info("Found {} files belonging to {} classes.", n, classes.size());
            LOG.info("Using {} files for {}.", to - from, options.subset());
        } else {
            LOG.info("Found {} files belonging to {} classes.", n, classes.size());
        }
        List<Path> chosen = new ArrayList<>(to - from);
        int[] chosenLabels = new int[to - from];
        for (int i = from; i < to; i++) {
            chosen.add(files.get(order[i]));
            chosenLabels[i - from] = labels.get(order[i]);
        }
        return new ImageIndex(dir, List.copyOf(chosen), chosenLabels, classes);
    }

    private static void checkSplit(ImageOptions options) {
        if (options.validationSplit() > 0 && options.subset() == null) {
            throw new IllegalArgumentException("ImageOptions: validationSplit=" + options.validationSplit()
                    + " needs subset(\"training\") or subset(\"validation\")");
        }
        if (options.subset() != null && options.validationSplit() == 0) {
            throw new IllegalArgumentException("ImageOptions: subset=" + options.subset() + " needs a validationSplit");
        }
        if (options.validationSplit() > 0 && options.shuffle() && options.seed() == null) {
            throw new IllegalArgumentException("ImageOptions: with validationSplit and shuffling, give a seed, so that the "
                    + "training and validation readers split the files the same way (as Keras asks)");
        }
    }

    private static List<String> classFolders(Path dir, ImageOptions options) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, Files.exists(dir) ? "is a file, expected a folder of class folders"
                    : "no such folder");
        }
        List<String> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(p -> !hidden(p) && (options.followLinks() ? Files.isDirectory(p)
                    : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new DataFormatException(dir, "has no class folders: expected one sub-folder of images per class");
        }
        List<String> given = options.classNames();
        if (!given.isEmpty() && !new HashSet<>(given).equals(new HashSet<>(found))) {
            throw new DataFormatException(dir, "the class names " + given + " do not match the sub-folders " + found);
        }
        return given.isEmpty() ? found : given;
    }

    /** The files under a folder, sorted by folder then name, as Keras's sorted {@code os.walk}. */
    private static List<Path> walk(Path dir, boolean followLinks) {
        FileVisitOption[] visit = followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS} : new FileVisitOption[0];
        try (Stream<Path> s = Files.walk(dir, Integer.MAX_VALUE, visit)) {
            return s.filter(p -> !p.equals(dir) && !hiddenBelow(dir, p))
                    .filter(p -> followLinks ? Files.isRegularFile(p) : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing((Path p) -> p.getParent().toString()).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataFormatException(dir, 0, 0, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @return the number of files */
    int size() {
        return files.size();
    }
}
