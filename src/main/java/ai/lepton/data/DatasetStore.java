package ai.lepton.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where the files of {@link Datasets} are found: a local copy first, else a download verified
 * against its SHA-256 checksum.
 *
 * <p>A file {@code name} of dataset {@code dataset} is looked for as {@code root/dataset/name} and
 * {@code root/name} in each root in turn (by default {@code $LEPTON_DATASETS},
 * {@code ~/.lepton/datasets} and Debian's {@code /usr/share/datasets}). A local copy is taken as it
 * is (Debian re-compresses its files, so their bytes differ from the official ones; the readers
 * check the contents). Otherwise the file is downloaded into {@code downloads/dataset/} through a
 * temporary file in the same folder, its checksum verified, and only then renamed to its name, so
 * a failed or interrupted download never leaves a file that looks complete.
 */
final class DatasetStore {
    private static final int BUFFER = 1 << 16;
    private static final int TIMEOUT_MILLIS = 30_000;

    private final List<Path> roots;
    private final Path downloads;
    private final PrintStream progress;

    /**
     * @param roots the folders searched for local copies, in order
     * @param downloads the folder downloads go to (also searched)
     * @param progress where the progress bar goes, or {@code null} for none
     */
    DatasetStore(List<Path> roots, Path downloads, PrintStream progress) {
        this.roots = List.copyOf(roots);
        this.downloads = downloads;
        this.progress = progress;
    }

    /** The store of {@link Datasets}: {@code $LEPTON_DATASETS}, {@code ~/.lepton/datasets}, {@code /usr/share/datasets}. */
    static DatasetStore defaults() {
        Path home = Path.of(System.getProperty("user.home"), ".lepton", "datasets");
        List<Path> roots = new ArrayList<>();
        String env = System.getenv("LEPTON_DATASETS");
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        roots.add(home);
        roots.add(Path.of("/usr/share/datasets"));
        return new DatasetStore(roots, home, System.err);
    }

    /** One file of a dataset: its name, the URL it is published at, and its SHA-256 in hex. */
    record Remote(String dataset, String name, String url, String sha256) {
    }

    /**
     * The local copy of a file, if there is one.
     *
     * @param dataset the dataset's folder name, e.g. {@code fashion-mnist}
     * @param name the file name
     * @return the first existing {@code root/dataset/name} or {@code root/name}
     */
    Optional<Path> local(String dataset, String name) {
        List<Path> all = new ArrayList<>(roots);
        all.add(downloads);
        for (Path root : all) {
            for (Path candidate : List.of(root.resolve(dataset).resolve(name), root.resolve(name))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The local copy of a file, or the file downloaded and verified.
     *
     * @param file the file wanted
     * @return a path to a readable copy
     * @throws DataFormatException if the download fails (saying where to put the file by hand)
     *     or its checksum differs
     */
    Path get(Remote file) {
        Optional<Path> found = local(file.dataset(), file.name());
        return found.isPresent() ? found.get() : download(file);
    }

    private Path download(Remote file) {
        Path dir = downloads.resolve(file.dataset());
        Path target = dir.resolve(file.name());
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, file.name() + ".", ".part");
            String actual = fetch(file, temp);
            if (!actual.equals(file.sha256())) {
                throw new DataFormatException(target, "the download from " + file.url() + " has SHA-256 " + actual
                        + ", expected " + file.sha256() + "; the file is corrupt or was changed at the source");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw new DataFormatException(target, 0, 0, "cannot download " + file.url() + " (" + e
                    + "). Without a network, put the file there by hand, or in one of " + searched(file), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    progressLine("cannot delete " + temp + ": " + e.getMessage());
                }
            }
        }
    }

    /** Downloads into {@code temp}, drawing a progress bar, and returns the SHA-256 of what arrived. */
    private String fetch(Remote file, Path temp) throws IOException {
        URL url = URI.create(file.url()).toURL();
        HttpURLConnection http = (HttpURLConnection) url.openConnection();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        try {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " " + http.getResponseMessage());
            }
            long expected = http.getContentLengthLong();
            MessageDigest sha = sha256();
            long done = 0;
            Progress bar = new Progress(file.url(), expected);
            try (InputStream in = http.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER];
                for (int got = in.read(buffer); got >= 0; got = in.read(buffer)) {
                    out.write(buffer, 0, got);
                    sha.update(buffer, 0, got);
                    done += got;
                    bar.update(done);
                }
            }
            bar.finish(done);
            if (expected >= 0 && done != expected) {
                throw new IOException("the transfer stopped after " + done + " of " + expected + " bytes");
            }
            return HexFormat.of().formatHex(sha.digest());
        } finally {
            http.disconnect();
        }
    }

    private String searched(Remote file) {
        List<String> places = new ArrayList<>();
        roots.forEach(r -> places.add(r.resolve(file.dataset()).resolve(file.name()).toString()));
        return String.join(", ", places) + " (LEPTON_DATASETS names a folder of your own)";
    }

    private void progressLine(String text) {
        if (progress != null) {
            progress.println(text);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Keras's {@code Downloading data from URL} and a bar of 30 cells redrawn on one line. */
    private final class Progress {
        private static final int WIDTH = 30;
        private final long total;
        private int drawn = -1;

        Progress(String url, long total) {
            this.total = total;
            progressLine("Downloading data from " + url);
        }

        void update(long done) {
            int cells = total > 0 ? (int) (WIDTH * done / total) : 0;
            if (progress != null && cells != drawn) {
                drawn = cells;
                progress.print("\r" + done + "/" + (total >= 0 ? total : "?") + " [" + "=".repeat(cells)
                        + ".".repeat(WIDTH - cells) + "]");
                progress.flush();
            }
        }

        void finish(long done) {
            drawn = -1;
            update(done);
            progressLine("");
        }
    }
}
