package ai.lepton.data;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The examples of a folder of class folders, decoded from their files when a batch asks for them:
 * what lets {@link DataLoader#images(Path, ImageOptions)} train on folders larger than memory.
 * With {@link #cached()}, each image is kept as float32 after its first decoding.
 */
final class ImageFiles implements Source {
    private final ImageIndex index;
    private final ImageOptions options;
    private final int[] size;
    private final int row;
    /** Decoded images, values {@code 0..255}, when caching; else {@code null}. */
    private final AtomicReferenceArray<float[]> cache;

    private ImageFiles(ImageIndex index, ImageOptions options, int[] size, boolean cache) {
        this.index = index;
        this.options = options;
        this.size = size;
        this.row = size[0] * size[1] * options.channels();
        this.cache = cache ? new AtomicReferenceArray<>(index.size()) : null;
    }

    /**
     * Lists a folder; no image is decoded but the first, when no size is set.
     *
     * @param dir the folder of class folders
     * @param options the options (copied: later changes to them do not reach this source)
     * @param batchSize the batch size, to check that a batch fits in a Java array
     * @return the source
     */
    static ImageFiles of(Path dir, ImageOptions options, int batchSize) {
        ImageIndex index = ImageIndex.of(dir, options);
        if (options.labelMode().equals("binary") && index.classNames().size() != 2) {
            throw new DataFormatException(dir, "labelMode \"binary\" needs exactly 2 class folders, found "
                    + index.classNames().size() + ": " + index.classNames());
        }
        int[] size = ImageDecoder.size(index.files().get(0), options);
        long values = (long) batchSize * size[0] * size[1] * options.channels();
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ImageOptions: a batch of " + batchSize + " images of " + size[0] + "x" + size[1]
                    + "x" + options.channels() + " is " + values + " values, more than one Java array holds; "
                    + "lower batchSize or imageSize");
        }
        return new ImageFiles(index, options.copy(), size, false);
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public List<Tensor> inputs(int[] indices) {
        double[] x = new double[indices.length * row];
        double divisor = options.divisor();
        for (int i = 0; i < indices.length; i++) {
            float[] kept = cache == null ? null : cache.get(indices[i]);
            if (kept != null) {
                for (int k = 0; k < row; k++) {
                    x[i * row + k] = kept[k] / divisor;
                }
                continue;
            }
            double[] v = ImageFolder.pixels(index.files().get(indices[i]), options, size, index.files().get(0));
            for (int k = 0; k < row; k++) {
                x[i * row + k] = v[k] / divisor;
            }
            if (cache != null) {
                float[] f = new float[row];
                for (int k = 0; k < row; k++) {
                    f[k] = (float) v[k];
                }
                cache.set(indices[i], f);
            }
        }
        return List.of(Storage.wrap(x, indices.length, size[0], size[1], options.channels()));
    }

    @Override
    public List<Tensor> targets(int[] indices) {
        return List.of(ImageLabels.of(index.labels(), indices, index.classNames().size(), options.labelMode(), index.dir()));
    }

    @Override
    public Dataset dataset() {
        int n = index.size();
        float[] x = new float[Math.multiplyExact(n, row)];
        int[] all = Shuffle.identity(n);
        for (int i = 0; i < n; i++) {
            float[] kept = cache == null ? null : cache.get(i);
            if (kept != null) {
                System.arraycopy(kept, 0, x, i * row, row);
            } else {
                double[] v = ImageFolder.pixels(index.files().get(i), options, size, index.files().get(0));
                for (int k = 0; k < row; k++) {
                    x[i * row + k] = (float) v[k];
                }
            }
        }
        return Dataset.ofFloats(x, new int[] {n, size[0], size[1], options.channels()}, options.divisor(),
                targets(all).get(0), index.classNames());
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public Source cached() {
        return cache != null ? this : new ImageFiles(index, options, size, true);
    }

    /** @return the class folder names, class 0 first */
    List<String> classNames() {
        return index.classNames();
    }
}
