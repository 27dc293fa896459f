package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Datasets}: Keras's file layouts read as Keras reads them (tiny stand-ins written by
 * {@code golden/data/make_datasets.py}, with what Keras's {@code load_data} returns for them),
 * local copies found first, and the download against an HTTP server on loopback: a good file, a
 * corrupted one, a truncated transfer and a 404.
 */
class DatasetsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/data");
    private static final double TOLERANCE = 1e-15;
    private static JsonObject expected;

    @TempDir
    Path dir;
    private HttpServer server;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    static void readExpected() throws IOException {
        expected = JsonParser.parseString(Files.readString(GOLDEN.resolve("datasets.json"))).getAsJsonObject();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good", e -> send(e, content(), content().length));
        server.createContext("/corrupt", e -> {
            byte[] bad = content().clone();
            bad[10] ^= 1;
            send(e, bad, bad.length);
        });
        server.createContext("/truncated", e -> send(e, java.util.Arrays.copyOf(content(), 100), content().length));
        server.createContext("/missing", e -> {
            e.sendResponseHeaders(404, -1);
            e.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static byte[] content() {
        try {
            return Files.readAllBytes(GOLDEN.resolve("mnist.npz"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange e, byte[] body, long announced) throws IOException {
        e.sendResponseHeaders(200, announced);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        } catch (IOException closedEarly) {
            // The truncated transfer closes the exchange before the announced length: expected.
        } finally {
            e.close();
        }
    }

    private DatasetStore store(Path... roots) {
        return new DatasetStore(List.of(roots), dir.resolve("downloads"), new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private DatasetStore.Remote remote(String path) {
        String sha = HexFormat.of().formatHex(DatasetStore.sha256().digest(content()));
        return new DatasetStore.Remote("mnist", "mnist.npz",
                "http://127.0.0.1:" + server.getAddress().getPort() + path, sha);
    }

    private List<Path> downloadFolderFiles() throws IOException {
        Path folder = dir.resolve("downloads/mnist");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void downloadsVerifiesAndRenamesIntoPlaceThenReadsTheLocalCopy() throws IOException {
        DatasetStore store = store(dir.resolve("none"));
        Path got = store.get(remote("/good"));
        assertEquals(dir.resolve("downloads/mnist/mnist.npz"), got);
        assertArrayEquals(content(), Files.readAllBytes(got));
        assertEquals(List.of(got), downloadFolderFiles(), "no temporary file is left");
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("Downloading data from http://127.0.0.1") && bar.contains("[==============================]"), bar);
        server.stop(0);
        assertEquals(got, store.get(remote("/good")), "the second call finds the file without the server");
    }

    @Test
    void aCorruptedDownloadFailsItsChecksumAndLeavesNothing() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> store().get(remote("/corrupt")));
        assertTrue(e.getMessage().contains("has SHA-256") && e.getMessage().contains("expected "
                + remote("/good").sha256()), e.getMessage());
        assertEquals(List.of(), downloadFolderFiles());
    }

    @Test
    void aTruncatedTransferFailsAndLeavesNothing() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> store().get(remote("/truncated")));
        assertTrue(e.getMessage().contains("cannot download http://127.0.0.1"), e.getMessage());
        assertEquals(List.of(), downloadFolderFiles());
    }

    @Test
    void aMissingFileSaysWhereToPutItByHand() throws IOException {
        Path mine = dir.resolve("mine");
        DataFormatException e = assertThrows(DataFormatException.class, () -> store(mine).get(remote("/missing")));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("put the file there by hand, or in one of " + mine.resolve("mnist/mnist.npz")),
                e.getMessage());
        assertEquals(List.of(), downloadFolderFiles());
    }

    @Test
    void aLocalCopyIsUsedWithoutTheNetwork() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("mnist"));
        Files.copy(GOLDEN.resolve("mnist.npz"), root.resolve("mnist/mnist.npz"));
        DatasetStore.Remote offline = new DatasetStore.Remote("mnist", "mnist.npz", "http://127.0.0.1:9/none", "0");
        assertEquals(root.resolve("mnist/mnist.npz"), store(root).get(offline));
        assertEquals("", progress.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mnistIsKerassArraysScaledAsBytes() {
        Split s = Datasets.mnist(store(GOLDEN));
        JsonObject m = expected.getAsJsonObject("mnist");
        assertArrayEquals(new int[] {5, 4, 4, 1}, s.train().inputShapes().get(0));
        assertPixels(m.getAsJsonArray("x_train"), s.train().x().toArray());
        assertArrayEquals(doubles(m.getAsJsonArray("y_train")), s.train().y().toArray());
        assertPixels(m.getAsJsonArray("x_test"), s.test().x().toArray());
        assertArrayEquals(doubles(m.getAsJsonArray("y_test")), s.test().y().toArray());
        assertEquals(16 * 5, s.train().inputBytes(), "one byte per pixel in memory");
    }

    @Test
    void bostonHousingIsShuffledAndSplitAsKerasDoes() {
        Split s = Datasets.bostonHousing(store(GOLDEN));
        JsonObject b = expected.getAsJsonObject("boston");
        assertArrayEquals(new int[] {8, 13}, s.train().x().shape());
        assertArrayEquals(new int[] {8, 1}, s.train().y().shape());
        assertArrayEquals(doubles(b.getAsJsonArray("x_train")), s.train().x().toArray(), TOLERANCE);
        assertArrayEquals(doubles(b.getAsJsonArray("y_train")), s.train().y().toArray(), TOLERANCE);
        assertArrayEquals(doubles(b.getAsJsonArray("x_test")), s.test().x().toArray(), TOLERANCE);
        assertArrayEquals(doubles(b.getAsJsonArray("y_test")), s.test().y().toArray(), TOLERANCE);
    }

    @Test
    void imdbIsKerassWordIndicesPaddedInFront() {
        JsonObject i = expected.getAsJsonObject("imdb");
        int maxlen = i.get("maxlen").getAsInt();
        Split s = Datasets.imdb(store(GOLDEN), i.get("num_words").getAsInt(), maxlen);
        assertArrayEquals(new int[] {7, maxlen}, s.train().x().shape());
        assertArrayEquals(doubles(i.getAsJsonArray("x_train")), s.train().x().toArray());
        assertArrayEquals(doubles(i.getAsJsonArray("y_train")), s.train().y().toArray());
        assertArrayEquals(doubles(i.getAsJsonArray("x_test")), s.test().x().toArray());
        assertArrayEquals(doubles(i.getAsJsonArray("y_test")), s.test().y().toArray());
        assertEquals(List.of("negative", "positive"), s.train().classNames());
    }

    @Test
    void cifar10IsChannelsLastWithClassNames() {
        Split s = Datasets.cifar10(store(GOLDEN));
        JsonObject c = expected.getAsJsonObject("cifar10");
        assertArrayEquals(new int[] {10, 32, 32, 3}, s.train().inputShapes().get(0));
        assertPixels(c.getAsJsonArray("x_train"), s.train().x().toArray());
        assertArrayEquals(doubles(c.getAsJsonArray("y_train")), s.train().y().toArray());
        assertPixels(c.getAsJsonArray("x_test"), s.test().x().toArray());
        assertArrayEquals(doubles(c.getAsJsonArray("y_test")), s.test().y().toArray());
        assertEquals("truck", s.test().classNames().get(9));
    }

    @Test
    void cifar100HasFineAndCoarseLabels() {
        JsonObject c = expected.getAsJsonObject("cifar100");
        Split fine = Datasets.cifar100(store(GOLDEN), "fine");
        Split coarse = Datasets.cifar100(store(GOLDEN), "coarse");
        assertPixels(c.getAsJsonArray("x_train"), fine.train().x().toArray());
        assertPixels(c.getAsJsonArray("x_test"), coarse.test().x().toArray());
        assertArrayEquals(doubles(c.getAsJsonArray("fine_train")), fine.train().y().toArray());
        assertArrayEquals(doubles(c.getAsJsonArray("coarse_test")), coarse.test().y().toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.cifar100(store(GOLDEN), "medium"));
        assertTrue(e.getMessage().contains("labelMode=medium"), e.getMessage());
    }

    @Test
    void numpyRandomStateShufflesAsNumPy() {
        JsonObject r = expected.getAsJsonObject("random_state_113");
        NumpyRandom random = new NumpyRandom(113);
        assertArrayEquals(ints(r.getAsJsonArray("first_1000")), random.permutation(1000));
        assertArrayEquals(ints(r.getAsJsonArray("then_17")), random.permutation(17));
    }

    @Test
    void fashionMnistFromALocalFolderHasItsClassNames() throws IOException {
        Path root = dir.resolve("root");
        Path fashion = Files.createDirectories(root.resolve("fashion-mnist"));
        IdxFiles.images(fashion.resolve("train-images-idx3-ubyte.gz"), 6, 3, 2, true);
        IdxFiles.labels(fashion.resolve("train-labels-idx1-ubyte.gz"), 6, 10, true);
        IdxFiles.images(fashion.resolve("t10k-images-idx3-ubyte.gz"), 4, 3, 2, true);
        IdxFiles.labels(fashion.resolve("t10k-labels-idx1-ubyte.gz"), 4, 10, true);
        Split s = Datasets.fashionMnist(store(root));
        assertArrayEquals(new int[] {6, 3, 2, 1}, s.train().inputShapes().get(0));
        assertEquals(4, s.test().size());
        assertEquals("Ankle boot", s.train().classNames().get(9));
        assertEquals(fashion, Datasets.folder(store(root), "fashion-mnist"));
    }

    @Test
    void aPickleAskingForAnythingButNumPyIsRefused() {
        byte[] evil = "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000lsR.".getBytes(StandardCharsets.ISO_8859_1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Pickle.load(evil, Path.of("evil.pkl")));
        assertTrue(e.getMessage().contains("asks for os.system"), e.getMessage());
    }

    @Test
    void unknownDatasetNamesAreListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.localCopy("mnst"));
        assertTrue(e.getMessage().contains("unknown dataset 'mnst'; expected fashion-mnist, mnist"), e.getMessage());
    }

    private static void assertPixels(JsonArray bytes, double[] actual) {
        double[] want = doubles(bytes);
        for (int i = 0; i < want.length; i++) {
            want[i] /= 255;
        }
        assertArrayEquals(want, actual);
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
