package ai.lepton.data;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets of {@code keras.datasets}, as train and test {@link Dataset}s: the same files,
 * samples and order as Keras, pixels scaled to {@code [0, 1]} and kept as bytes in memory.
 *
 * <p>Each file is found locally first: in the folder {@code $LEPTON_DATASETS}, then
 * {@code ~/.lepton/datasets}, then Debian's {@code /usr/share/datasets} (e.g. the package
 * {@code dataset-fashion-mnist}), as {@code <folder>/<dataset>/<file>} or {@code <folder>/<file>};
 * a file from Keras's cache {@code ~/.keras/datasets} can be copied there as it is. Otherwise it
 * is downloaded once from the URL Keras uses into {@code ~/.lepton/datasets/<dataset>/}, with a
 * progress bar on standard error, and verified against its SHA-256 checksum before it is renamed
 * into place. Without a network the error names the URL and where to put the file.
 *
 * <pre>{@code
 * Split fashion = Datasets.fashionMnist();
 * fashion.train();   // x (60000, 28, 28, 1) in [0, 1], y (60000,) class indices
 * fashion.test();    // x (10000, 28, 28, 1)
 * }</pre>
 */
public final class Datasets {
    private static final String KERAS = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";
    /** Keras shuffles IMDB and Boston Housing with {@code np.random.RandomState(113)}. */
    private static final long KERAS_SEED = 113;
    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    private static final int CIFAR_SIDE = 32;

    static final DatasetStore.Remote MNIST = new DatasetStore.Remote("mnist", "mnist.npz", KERAS + "mnist.npz",
            "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1");
    /** Keras gives no checksums for these; they are the SHA-256 of Zalando's published files (MD5s in its README). */
    static final List<DatasetStore.Remote> FASHION_MNIST = List.of(
            fashion("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            fashion("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            fashion("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            fashion("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));
    static final DatasetStore.Remote CIFAR10 = new DatasetStore.Remote("cifar-10", "cifar-10-python.tar.gz",
            "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
            "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce");
    static final DatasetStore.Remote CIFAR100 = new DatasetStore.Remote("cifar-100", "cifar-100-python.tar.gz",
            "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
            "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7");
    static final DatasetStore.Remote IMDB = new DatasetStore.Remote("imdb", "imdb.npz", KERAS + "imdb.npz",
            "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f");
    static final DatasetStore.Remote BOSTON = new DatasetStore.Remote("boston-housing", "boston_housing.npz",
            KERAS + "boston_housing.npz", "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5");

    private Datasets() {
    }

    private static DatasetStore.Remote fashion(String name, String sha256) {
        return new DatasetStore.Remote("fashion-mnist", name, KERAS + name, sha256);
    }

    /**
     * The folder of a dataset's local copy, if one is found, without downloading anything: for
     * tests and programs that run only where the data already are.
     *
     * @param dataset the dataset's folder name: {@code fashion-mnist}, {@code mnist}, {@code cifar-10},
     *     {@code cifar-100}, {@code imdb} or {@code boston-housing}
     * @return the folder holding all its files, or empty if one is missing
     * @throws IllegalArgumentException if the name is none of those
     */
    public static Optional<Path> localCopy(String dataset) {
        return localCopy(DatasetStore.defaults(), dataset);
    }

    static Optional<Path> localCopy(DatasetStore store, String dataset) {
        List<Optional<Path>> found = files(dataset).stream().map(f -> store.local(f.dataset(), f.name())).toList();
        if (found.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        Path folder = found.get(0).get().getParent();
        return found.stream().allMatch(f -> f.get().getParent().equals(folder)) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * The folder holding a dataset's original files, downloaded first if there is no local copy:
     * for tools that read the files themselves, such as {@link ExportImages}.
     *
     * <pre>{@code
     * Path fashion = Datasets.folder("fashion-mnist");
     * ExportImages.toFolders(fashion.resolve("t10k-images-idx3-ubyte.gz"),
     *         fashion.resolve("t10k-labels-idx1-ubyte.gz"), Path.of("fashion-png"), classNames, 1000);
     * }</pre>
     *
     * @param dataset the dataset's folder name, as for {@link #localCopy(String)}
     * @return the folder holding all its files
     * @throws IllegalArgumentException if the name is unknown
     * @throws DataFormatException if a file cannot be found or downloaded
     */
    public static Path folder(String dataset) {
        return folder(DatasetStore.defaults(), dataset);
    }

    static Path folder(DatasetStore store, String dataset) {
        Optional<Path> local = localCopy(store, dataset);
        if (local.isPresent()) {
            return local.get();
        }
        List<Path> paths = files(dataset).stream().map(store::get).toList();
        Path folder = paths.get(0).getParent();
        for (Path p : paths) {
            if (!p.getParent().equals(folder)) {
                throw new DataFormatException(p, "the files of " + dataset + " are in different folders (" + folder
                        + " and " + p.getParent() + "); put them in one");
            }
        }
        return folder;
    }

    private static List<DatasetStore.Remote> files(String dataset) {
        return switch (dataset) {
            case "fashion-mnist" -> FASHION_MNIST;
            case "mnist" -> List.of(MNIST);
            case "cifar-10" -> List.of(CIFAR10);
            case "cifar-100" -> List.of(CIFAR100);
            case "imdb" -> List.of(IMDB);
            case "boston-housing" -> List.of(BOSTON);
            default -> throw new IllegalArgumentException("Datasets: unknown dataset '" + dataset
                    + "'; expected fashion-mnist, mnist, cifar-10, cifar-100, imdb or boston-housing");
        };
    }

    /**
     * MNIST handwritten digits, as {@code keras.datasets.mnist.load_data()}.
     *
     * @return train {@code x (60000, 28, 28, 1)}, test {@code x (10000, 28, 28, 1)}, values in
     *     {@code [0, 1]}, {@code y} class indices 0..9
     * @throws DataFormatException if the file cannot be found or downloaded, or is malformed
     */
    public static Split mnist() {
        return mnist(DatasetStore.defaults());
    }

    static Split mnist(DatasetStore store) {
        Path file = store.get(MNIST);
        Map<String, Npy.Array> npz = Npy.readNpz(file);
        return new Split(npzImages(npz, "x_train", "y_train", file), npzImages(npz, "x_test", "y_test", file));
    }

    private static Dataset npzImages(Map<String, Npy.Array> npz, String xName, String yName, Path file) {
        Npy.Array x = array(npz, xName, file);
        Npy.Array y = array(npz, yName, file);
        if (!x.descr().equals("|u1") || x.shape().length != 3) {
            throw new DataFormatException(file, xName + " is " + x.descr() + " " + Arrays.toString(x.shape())
                    + ", expected uint8 (n, height, width)");
        }
        int[] shape = {x.shape()[0], x.shape()[1], x.shape()[2], 1};
        return Dataset.ofBytes(x.body(), shape, 255, labels(y.doubles(file, yName), x.shape()[0], file, yName), List.of());
    }

    /**
     * Fashion-MNIST, as {@code keras.datasets.fashion_mnist.load_data()}, with the class names.
     *
     * @return train {@code x (60000, 28, 28, 1)}, test {@code x (10000, 28, 28, 1)}, values in
     *     {@code [0, 1]}, {@code y} class indices 0..9
     * @throws DataFormatException if a file cannot be found or downloaded, or is malformed
     */
    public static Split fashionMnist() {
        return fashionMnist(DatasetStore.defaults());
    }

    static Split fashionMnist(DatasetStore store) {
        List<Path> p = FASHION_MNIST.stream().map(store::get).toList();
        return new Split(Idx.read(p.get(0), p.get(1)).withClassNames(FASHION_CLASSES),
                Idx.read(p.get(2), p.get(3)).withClassNames(FASHION_CLASSES));
    }

    /**
     * CIFAR-10 colour images, as {@code keras.datasets.cifar10.load_data()}, with the class names.
     *
     * @return train {@code x (50000, 32, 32, 3)}, test {@code x (10000, 32, 32, 3)}, values in
     *     {@code [0, 1]}, {@code y} class indices 0..9
     * @throws DataFormatException if the archive cannot be found or downloaded, or is malformed
     */
    public static Split cifar10() {
        return cifar10(DatasetStore.defaults());
    }

    static Split cifar10(DatasetStore store) {
        Path file = store.get(CIFAR10);
        List<String> train = List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5");
        Set<String> wanted = new LinkedHashSet<>(train);
        wanted.add("test_batch");
        Map<String, byte[]> files = Tar.read(file, wanted);
        return new Split(cifar(files, train, "labels", file, CIFAR10_CLASSES),
                cifar(files, List.of("test_batch"), "labels", file, CIFAR10_CLASSES));
    }

    /**
     * CIFAR-100 with its 100 fine classes, as {@code keras.datasets.cifar100.load_data()}.
     *
     * @return train {@code x (50000, 32, 32, 3)}, test {@code x (10000, 32, 32, 3)}, values in {@code [0, 1]}
     * @throws DataFormatException if the archive cannot be found or downloaded, or is malformed
     */
    public static Split cifar100() {
        return cifar100("fine");
    }

    /**
     * CIFAR-100, as {@code keras.datasets.cifar100.load_data(label_mode)}.
     *
     * @param labelMode {@code "fine"} (100 classes) or {@code "coarse"} (20 super-classes)
     * @return train {@code x (50000, 32, 32, 3)}, test {@code x (10000, 32, 32, 3)}, values in {@code [0, 1]}
     * @throws IllegalArgumentException if the label mode is neither
     * @throws DataFormatException if the archive cannot be found or downloaded, or is malformed
     */
    public static Split cifar100(String labelMode) {
        return cifar100(DatasetStore.defaults(), labelMode);
    }

    static Split cifar100(DatasetStore store, String labelMode) {
        if (!labelMode.equals("fine") && !labelMode.equals("coarse")) {
            throw new IllegalArgumentException("Datasets.cifar100: labelMode must be \"fine\" or \"coarse\". Received: labelMode="
                    + labelMode);
        }
        Path file = store.get(CIFAR100);
        Map<String, byte[]> files = Tar.read(file, Set.of("train", "test"));
        String key = labelMode + "_labels";
        return new Split(cifar(files, List.of("train"), key, file, List.of()),
                cifar(files, List.of("test"), key, file, List.of()));
    }

    /** Joins CIFAR batches (pickled dicts of {@code data (n, 3072)} channel-first bytes and labels) into NHWC bytes. */
    private static Dataset cifar(Map<String, byte[]> files, List<String> batches, String labelKey, Path file,
            List<String> classNames) {
        int plane = CIFAR_SIDE * CIFAR_SIDE;
        List<byte[]> pixels = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        int n = 0;
        for (String name : batches) {
            Object o = Pickle.load(files.get(name), file);
            if (!(o instanceof Map<?, ?> d) || !(d.get("data") instanceof Pickle.NdArray data)
                    || !(data.data() instanceof byte[] raw) || d.get(labelKey) == null) {
                throw new DataFormatException(file, name + ": expected a dict with 'data' (uint8 array) and '"
                        + labelKey + "'");
            }
            int[] y = Pickle.ints(d.get(labelKey), file, name + " " + labelKey);
            if (raw.length != (long) y.length * 3 * plane) {
                throw new DataFormatException(file, name + ": " + raw.length + " pixel bytes for " + y.length + " labels");
            }
            pixels.add(raw);
            labels.add(y);
            n += y.length;
        }
        byte[] x = new byte[Math.multiplyExact(n, 3 * plane)];
        double[] y = new double[n];
        int at = 0;
        for (int b = 0; b < pixels.size(); b++) {
            byte[] raw = pixels.get(b);
            int[] lab = labels.get(b);
            for (int i = 0; i < lab.length; i++, at++) {
                y[at] = lab[i];
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        x[(at * plane + p) * 3 + c] = raw[i * 3 * plane + c * plane + p];
                    }
                }
            }
        }
        return Dataset.ofBytes(x, new int[] {n, CIFAR_SIDE, CIFAR_SIDE, 3}, 255, Storage.wrap(y, n), classNames);
    }

    /**
     * IMDB movie reviews as word indices, as {@code keras.datasets.imdb.load_data(num_words=numWords)}
     * (shuffled with Keras's seed 113; 1 marks the start, 2 a word outside the vocabulary, and word
     * {@code w} of the index is {@code w + 3}), then padded or cut to a fixed length as
     * {@code keras.utils.pad_sequences(maxlen=maxlen)} does: zeros in front, the end of long reviews kept.
     *
     * <pre>{@code
     * Split imdb = Datasets.imdb(10000, 200);   // x (25000, 200) word indices < 10000; y 0 or 1
     * }</pre>
     *
     * @param numWords keep the most frequent words below this index, the rest become 2; at least 3
     * @param maxlen the length of every sequence, at least 1
     * @return train and test, each {@code x (25000, maxlen)}, {@code y (25000,)} 0 (negative) or 1 (positive)
     * @throws IllegalArgumentException if an argument is out of range
     * @throws DataFormatException if the file cannot be found or downloaded, or is malformed
     */
    public static Split imdb(int numWords, int maxlen) {
        return imdb(DatasetStore.defaults(), numWords, maxlen);
    }

    static Split imdb(DatasetStore store, int numWords, int maxlen) {
        if (numWords < 3 || maxlen < 1) {
            throw new IllegalArgumentException("Datasets.imdb: numWords must be at least 3 and maxlen at least 1. Received: "
                    + "numWords=" + numWords + ", maxlen=" + maxlen);
        }
        Path file = store.get(IMDB);
        Map<String, Npy.Array> npz = Npy.readNpz(file);
        NumpyRandom random = new NumpyRandom(KERAS_SEED);
        Dataset train = reviews(npz, "x_train", "y_train", file, random, numWords, maxlen);
        Dataset test = reviews(npz, "x_test", "y_test", file, random, numWords, maxlen);
        return new Split(train, test);
    }

    private static Dataset reviews(Map<String, Npy.Array> npz, String xName, String yName, Path file, NumpyRandom random,
            int numWords, int maxlen) {
        Npy.Array xa = array(npz, xName, file);
        if (!xa.descr().equals("|O")) {
            throw new DataFormatException(file, xName + " is " + xa.descr() + ", expected an object array of sequences");
        }
        Object o = Pickle.load(xa.body(), file);
        if (!(o instanceof Pickle.NdArray seqs) || !(seqs.data() instanceof List<?> list)) {
            throw new DataFormatException(file, xName + ": expected a pickled object array of lists");
        }
        double[] labels = array(npz, yName, file).doubles(file, yName);
        int n = list.size();
        if (labels.length != n) {
            throw new DataFormatException(file, yName + " has " + labels.length + " labels for " + n + " sequences");
        }
        int[] order = random.permutation(n);
        float[] x = new float[Math.multiplyExact(n, maxlen)];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int[] words = Pickle.ints(list.get(order[i]), file, xName + "[" + order[i] + "]");
            y[i] = labels[order[i]];
            // The sequence is [1] + (w + 3 for each word), words >= numWords becoming 2; its last maxlen kept.
            int length = words.length + 1;
            int skip = Math.max(0, length - maxlen);
            int pad = Math.max(0, maxlen - length);
            for (int k = skip; k < length; k++) {
                int w = k == 0 ? 1 : words[k - 1] + 3;
                x[i * maxlen + pad + k - skip] = w < numWords ? w : 2;
            }
        }
        return Dataset.ofFloats(x, new int[] {n, maxlen}, 1, Storage.wrap(y, n), List.of("negative", "positive"));
    }

    /**
     * Boston Housing prices, as {@code keras.datasets.boston_housing.load_data()}: shuffled with
     * Keras's seed 113, the first 80% to train on.
     *
     * @return train {@code x (404, 13)}, {@code y (404, 1)} prices in $1000s; test {@code x (102, 13)}, {@code y (102, 1)}
     * @throws DataFormatException if the file cannot be found or downloaded, or is malformed
     */
    public static Split bostonHousing() {
        return bostonHousing(DatasetStore.defaults());
    }

    static Split bostonHousing(DatasetStore store) {
        Path file = store.get(BOSTON);
        Map<String, Npy.Array> npz = Npy.readNpz(file);
        Npy.Array xa = array(npz, "x", file);
        double[] x = xa.doubles(file, "x");
        double[] y = array(npz, "y", file).doubles(file, "y");
        int n = y.length;
        if (xa.shape().length != 2 || xa.shape()[0] != n) {
            throw new DataFormatException(file, "x has shape " + Arrays.toString(xa.shape()) + " for " + n + " targets");
        }
        Dataset all = Dataset.of(Storage.wrap(x, n, xa.shape()[1]), Storage.wrap(y, n, 1));
        Dataset shuffled = all.select(new NumpyRandom(KERAS_SEED).permutation(n));
        int cut = (int) (n * (1 - 0.2));
        return new Split(shuffled.take(0, cut), shuffled.take(cut, n));
    }

    private static Npy.Array array(Map<String, Npy.Array> npz, String name, Path file) {
        Npy.Array a = npz.get(name);
        if (a == null) {
            throw new DataFormatException(file, "the archive has no array '" + name + "'; it holds " + npz.keySet());
        }
        return a;
    }

    private static Tensor labels(double[] y, int n, Path file, String name) {
        if (y.length != n) {
            throw new DataFormatException(file, name + " has " + y.length + " labels for " + n + " images");
        }
        return Storage.wrap(y, n);
    }
}
