package ai.lepton.data;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;

/**
 * The labels of images as Keras's {@code label_mode} makes them: {@code int} class indices
 * {@code (n,)}, {@code categorical} one-hot rows {@code (n, classes)}, {@code binary} 0/1 as
 * {@code (n, 1)}.
 */
final class ImageLabels {
    private ImageLabels() {
    }

    /** The labels of a whole index. */
    static Tensor of(ImageIndex index, ImageOptions options) {
        return of(index.labels(), Shuffle.identity(index.size()), index.classNames().size(), options.labelMode(),
                index.dir());
    }

    /**
     * @param labels the class index of every file
     * @param rows the files wanted, in order
     * @param classes the number of classes
     * @param mode {@code int}, {@code categorical} or {@code binary}
     * @param dir the folder, for the message of a binary mode with other than two classes
     * @return the labels of the rows
     */
    static Tensor of(int[] labels, int[] rows, int classes, String mode, Path dir) {
        int n = rows.length;
        return switch (mode) {
            case "categorical" -> {
                double[] y = new double[Math.multiplyExact(n, classes)];
                for (int i = 0; i < n; i++) {
                    y[i * classes + labels[rows[i]]] = 1;
                }
                yield Storage.wrap(y, n, classes);
            }
            case "binary" -> {
                if (classes != 2) {
                    throw new DataFormatException(dir, "labelMode \"binary\" needs exactly 2 class folders, found " + classes);
                }
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = labels[rows[i]];
                }
                yield Storage.wrap(y, n, 1);
            }
            default -> {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = labels[rows[i]];
                }
                yield Storage.wrap(y, n);
            }
        };
    }
}
