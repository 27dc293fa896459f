package ai.lepton.data;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Exports IDX images (MNIST, Fashion-MNIST) to PNG files in one folder per class, which
 * {@link ImageFolder} reads back, and optionally to a CSV of the label and the raw pixels.
 *
 * <p>Folders are named after the class names when given (characters that cannot be in a file
 * name, such as {@code /}, become {@code -}), otherwise after the label, zero-padded so that they
 * sort in label order. Files are named after the image's index in the IDX file, zero-padded.
 *
 * <pre>{@code
 * java -cp lepton.jar ai.lepton.data.ExportImages t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz out \
 *     --limit 1000 --csv out/test.csv
 * }</pre>
 */
public final class ExportImages {
    private static final String USAGE = "usage: ExportImages <images.idx[.gz]> <labels.idx[.gz]> <outDir>"
            + " [--limit n] [--classes name0,name1,...] [--csv file.csv]";

    private ExportImages() {
    }

    /**
     * Command line: {@code <images> <labels> <outDir> [--limit n] [--classes a,b,...] [--csv file]}.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int limit = Integer.MAX_VALUE;
        List<String> classes = List.of();
        Path csv = null;
        for (int i = 3; i < args.length; i += 2) {
            switch (args[i]) {
                case "--limit" -> limit = parseLimit(args[i + 1]);
                case "--classes" -> classes = List.of(args[i + 1].split(","));
                case "--csv" -> csv = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        Path images = Path.of(args[0]);
        Path labels = Path.of(args[1]);
        int n = toFolders(images, labels, Path.of(args[2]), classes, limit);
        System.out.println("Wrote " + n + " PNG files under " + args[2]);
        if (csv != null) {
            toCsv(images, labels, csv, limit);
            System.out.println("Wrote " + n + " rows to " + csv);
        }
    }

    /**
     * Writes the first {@code limit} images as {@code outDir/<class>/<index>.png}.
     *
     * @param images an IDX images file
     * @param labels the matching IDX labels file
     * @param outDir the folder to write into (created if needed)
     * @param classNames the name of each label, or empty to name folders by label
     * @param limit the largest number of images to export
     * @return the number of images written
     * @throws DataFormatException if an IDX file is bad, the counts differ, or a label has no class name
     */
    public static int toFolders(Path images, Path labels, Path outDir, List<String> classNames, int limit) {
        Tensor x = Idx.images(images, 255, limit);
        double[] y = checkedLabels(labels, limit, x, images);
        int numClasses = classNames.isEmpty() ? (int) Arrays.stream(y).max().orElse(0) + 1 : classNames.size();
        String[] folders = new String[numClasses];
        for (int c = 0; c < numClasses; c++) {
            folders[c] = classNames.isEmpty() ? pad(c, numClasses - 1) : classNames.get(c).replaceAll("[/\\\\:*?\"<>|]", "-");
        }
        int n = y.length;
        int[] s = Storage.shape(x);
        int row = s[1] * s[2];
        double[] pixels = Storage.data(x);
        try {
            for (String folder : folders) {
                Files.createDirectories(outDir.resolve(folder));
            }
            for (int i = 0; i < n; i++) {
                int label = (int) y[i];
                if (label >= numClasses) {
                    throw new DataFormatException(labels, "label " + label + " of image " + i + " has no class name in "
                            + classNames);
                }
                Tensor image = Storage.wrap(Arrays.copyOfRange(pixels, i * row, (i + 1) * row), s[1], s[2], 1);
                Images.save(image, outDir.resolve(folders[label]).resolve(pad(i, n - 1) + ".png"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folders under " + outDir + ": " + e.getMessage(), e);
        }
        return n;
    }

    /**
     * Writes the first {@code limit} images as CSV rows: a header {@code label,pixel1,...}, then
     * the label and the raw pixel values 0..255, row by row.
     *
     * @param images an IDX images file
     * @param labels the matching IDX labels file
     * @param csv the CSV file to write (replaced if it exists)
     * @param limit the largest number of images to export
     * @return the number of rows written
     * @throws DataFormatException if an IDX file is bad or the counts differ
     */
    public static int toCsv(Path images, Path labels, Path csv, int limit) {
        Tensor x = Idx.images(images, 1, limit);
        double[] y = checkedLabels(labels, limit, x, images);
        int[] s = Storage.shape(x);
        int row = s[1] * s[2];
        double[] pixels = Storage.data(x);
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            StringBuilder line = new StringBuilder("label");
            for (int j = 1; j <= row; j++) {
                line.append(",pixel").append(j);
            }
            out.write(line.append('\n').toString());
            for (int i = 0; i < y.length; i++) {
                line.setLength(0);
                line.append((int) y[i]);
                for (int j = 0; j < row; j++) {
                    line.append(',').append((int) pixels[i * row + j]);
                }
                out.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + csv + ": " + e.getMessage(), e);
        }
        return y.length;
    }

    private static double[] checkedLabels(Path labels, int limit, Tensor x, Path images) {
        Tensor y = Idx.labels(labels, limit);
        if (y.shape()[0] != x.shape()[0]) {
            throw new DataFormatException(labels, "holds " + y.shape()[0] + " labels, but " + images + " holds "
                    + x.shape()[0] + " images (up to the limit " + limit + ")");
        }
        return Storage.data(y);
    }

    private static int parseLimit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            System.err.println("--limit expects a whole number. Received: " + text + "\n" + USAGE);
            System.exit(2);
            return 0;
        }
    }

    private static String pad(int value, int largest) {
        return String.format("%0" + Integer.toString(Math.max(largest, 0)).length() + "d", value);
    }
}
