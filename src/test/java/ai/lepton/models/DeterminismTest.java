package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernels.Parallel;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same bits whatever the thread count, and concurrent predictions equal
 * sequential ones. The models are sized so that their products pass GEMM's threshold for
 * splitting work over threads (4 MFLOP), so that two threads really do share the work.
 */
class DeterminismTest {
    private static final int PREDICT_ROUNDS = 40;
    private static final int PREDICT_THREADS = 8;
    private int savedThreads;

    @BeforeEach
    void saveThreadCount() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restoreThreadCount() {
        Parallel.setThreads(savedThreads);
    }

    /** An MLP whose first layer is a 256 x 256 x 512 product per batch: 67 MFLOP. */
    private static Sequential mlp() {
        Sequential model = new Sequential(new Dense(512, "relu").inputShape(256), new Dropout(0.2), new Dense(10, "softmax"))
                .seed(21);
        model.compile(new Adam(1e-3), "categorical_crossentropy", "accuracy");
        return model;
    }

    /** A CNN whose convolution is a (32 * 16 * 16) x 72 x 64 product per batch: 75 MFLOP. */
    private static Sequential cnn() {
        Sequential model = new Sequential(
                new Conv2D(64, 3, "relu").padding("same").inputShape(16, 16, 8),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(10, "softmax")).seed(22);
        model.compile(new Adam(1e-3), "categorical_crossentropy", "accuracy");
        return model;
    }

    private static Tensor oneHot(int n, int classes, long seed) {
        double[] labels = Tensor.rand(seed, n).toArray();
        double[] y = new double[n * classes];
        for (int i = 0; i < n; i++) {
            y[i * classes + (int) (labels[i] * classes)] = 1;
        }
        return Tensor.of(y, n, classes);
    }

    private static List<Tensor> trainWith(int threads, Supplier<Sequential> build, Tensor x, Tensor y, int batchSize) {
        Parallel.setThreads(threads);
        Sequential model = build.get();
        model.fit(x, y, FitOptions.create().epochs(2).batchSize(batchSize).seed(4).verbose(0));
        return model.getWeights();
    }

    private static void assertBitIdentical(List<Tensor> expected, List<Tensor> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i).toArray();
            double[] a = actual.get(i).toArray();
            for (int j = 0; j < e.length; j++) {
                if (Double.doubleToRawLongBits(e[j]) != Double.doubleToRawLongBits(a[j])) {
                    throw new AssertionError(what + ": weight " + i + " element " + j + " differs: " + e[j] + " vs " + a[j]);
                }
            }
        }
    }

    private static boolean workerThreadsExist() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("lepton-worker"));
    }

    @Test
    void anMlpTrainsToTheSameBitsOnOneThreadAndOnTwo() {
        Tensor x = Tensor.randn(5, 512, 256);
        Tensor y = oneHot(512, 10, 6);
        List<Tensor> one = trainWith(1, DeterminismTest::mlp, x, y, 256);
        List<Tensor> two = trainWith(2, DeterminismTest::mlp, x, y, 256);
        assertTrue(workerThreadsExist(), "two threads must have shared the work");
        assertBitIdentical(one, two, "MLP, 1 vs 2 threads");
    }

    @Test
    void aCnnTrainsToTheSameBitsOnOneThreadAndOnTwo() {
        Tensor x = Tensor.randn(7, 64, 16, 16, 8);
        Tensor y = oneHot(64, 10, 8);
        List<Tensor> one = trainWith(1, DeterminismTest::cnn, x, y, 32);
        List<Tensor> two = trainWith(2, DeterminismTest::cnn, x, y, 32);
        assertTrue(workerThreadsExist(), "two threads must have shared the work");
        assertBitIdentical(one, two, "CNN, 1 vs 2 threads");
    }

    @Test
    void predictFromEightThreadsAtOnceEqualsSequentialPredictEveryTime() throws Exception {
        Parallel.setThreads(2);
        Sequential model = new Sequential(
                new Conv2D(8, 3, "relu").inputShape(10, 10, 2),
                new MaxPooling2D(),
                new Flatten(),
                new Dropout(0.5),
                new Dense(5, "softmax")).seed(3);
        model.compile("adam", "categorical_crossentropy");
        Tensor trainX = Tensor.randn(9, 48, 10, 10, 2);
        model.fit(trainX, oneHot(48, 5, 10), FitOptions.create().epochs(1).verbose(0));
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> expected = new ArrayList<>();
        for (int t = 0; t < PREDICT_THREADS; t++) {
            inputs.add(Tensor.randn(100 + t, 37, 10, 10, 2));
            expected.add(model.predict(inputs.get(t), 8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PREDICT_THREADS);
        try {
            for (int round = 0; round < PREDICT_ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Tensor>> results = new ArrayList<>();
                for (int t = 0; t < PREDICT_THREADS; t++) {
                    Tensor in = inputs.get(t);
                    results.add(pool.submit(() -> {
                        start.await();
                        return model.predict(in, 8);
                    }));
                }
                start.countDown();
                for (int t = 0; t < PREDICT_THREADS; t++) {
                    assertBitIdentical(List.of(expected.get(t)), List.of(results.get(t).get()), "round " + round + ", thread " + t);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theThreadCountComesFromTheSystemPropertyWhenSet() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Dlepton.threads=3", "-cp", System.getProperty("java.class.path"),
                PrintThreads.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.waitFor());
        assertTrue(out.endsWith("threads=3"), out);
    }

    @Test
    void aCnnPredictsAndTrainsToTheSameBitsWithAndWithoutTheVectorApi() throws IOException, InterruptedException {
        String vector = runCnnIn("--add-modules=jdk.incubator.vector");
        String scalar = runCnnIn("-Dlepton.gemm=scalar");
        assertTrue(vector.startsWith("vector=true\n") && scalar.startsWith("vector=false\n"), vector + scalar);
        String[] v = vector.split("\n");
        String[] s = scalar.split("\n");
        assertEquals(v.length, s.length);
        for (int i = 1; i < v.length; i++) {
            assertEquals(v[i], s[i], "line " + i + " (" + v[i].substring(0, v[i].indexOf(':')) + ")");
        }
    }

    private static String runCnnIn(String option) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), option, "-cp", System.getProperty("java.class.path"),
                CnnBits.class.getName()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), err);
        // Only the child's own lines: a logging backend may print to standard output too.
        return out.lines().filter(l -> l.startsWith("vector=") || l.startsWith("predict:") || l.startsWith("weight "))
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    /**
     * Run in a child JVM: prints whether the Vector API is in use, then the bits of a CNN's
     * predictions and of its weights after one epoch. The CNN has a direct convolution (3
     * channels), two Winograd ones, a max pool and two dense layers, with edge tiles in every
     * product.
     */
    static final class CnnBits {
        private CnnBits() {
        }

        public static void main(String[] args) {
            boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && !"scalar".equals(System.getProperty("lepton.gemm"));
            System.out.println("vector=" + vector);
            Sequential model = new Sequential(
                    new Conv2D(8, 3, "relu").padding("same").inputShape(13, 13, 3),
                    new Conv2D(17, 3, "relu").padding("same"),
                    new MaxPooling2D(),
                    new Conv2D(19, 3, "relu"),
                    new Flatten(),
                    new Dense(33, "relu"),
                    new Dense(10, "softmax")).seed(5);
            model.compile(new Adam(1e-3), "categorical_crossentropy");
            Tensor x = Tensor.randn(31, 37, 13, 13, 3);
            print("predict", model.predict(x, 16));
            model.fit(x, oneHot(37, 10, 32), FitOptions.create().epochs(1).batchSize(16).seed(2).verbose(0));
            List<Tensor> weights = model.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                print("weight " + i, weights.get(i));
            }
        }

        private static void print(String name, Tensor t) {
            StringBuilder line = new StringBuilder(name).append(':');
            for (double v : t.toArray()) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            System.out.println(line);
        }
    }

    /** Run in a child JVM: prints the thread count Lepton starts with. */
    static final class PrintThreads {
        private PrintThreads() {
        }

        public static void main(String[] args) {
            System.out.println("threads=" + Parallel.threads());
        }
    }
}
