package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Dataset;
import ai.lepton.data.Datasets;
import ai.lepton.data.Split;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.models.Evaluation;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real multi-process cluster on this machine: a Spark standalone master and two workers
 * (one core each) on 127.0.0.1, started and stopped by the test. A small MLP trains on 6,000
 * Fashion-MNIST images for 188 steps on two executors, ends with the weights of single-machine
 * training (equivalence holds across processes too) and in the same accuracy band on the test
 * images. It runs in a JVM of its own (the pom's {@code cluster} execution), since a JVM holds one
 * SparkContext at a time.
 */
class StandaloneClusterTest {
    
    private static final int TRAIN = 6000;
    private static final int TEST = 1000;
    private static final int BATCH = 64;
    private static final int EPOCHS = 2;
    private static final double RELATIVE_TOLERANCE = 1e-9;
    /** Single-machine training reaches about 0.82 on these images; the cluster must too. */
    private static final double ACCURACY_FLOOR = 0.78;
    private static final long EXECUTORS_TIMEOUT_SECONDS = 90;

    private static Sequential model() {
        Sequential model = new Sequential(new Flatten().inputShape(28, 28, 1), new Dense(64, "relu"),
                new Dense(10, "softmax")).seed(42);
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    @Test
    void twoWorkersTrainFashionMnistLikeOneMachine() throws Exception {
        Assumptions.assumeTrue(Datasets.localCopy("fashion-mnist").isPresent(),
                "no local copy of Fashion-MNIST: install dataset-fashion-mnist or set LEPTON_DATASETS");
        Split fashion = Datasets.fashionMnist();
        Dataset train = fashion.train();
        Dataset test = fashion.test();
        Tensor x = rows(train.x(), TRAIN);
        Tensor y = rows(train.y(), TRAIN);
        Tensor xTest = rows(test.x(), TEST);
        Tensor yTest = rows(test.y(), TEST);
        FitOptions options = FitOptions.create().epochs(EPOCHS).batchSize(BATCH).shuffle(false).verbose(2);

        Sequential local = model();
        local.fit(x, y, FitOptions.create().epochs(EPOCHS).batchSize(BATCH).shuffle(false).verbose(0));
        Evaluation localTest = local.evaluate(xTest, yTest);

        Sequential distributed = model();
        long started = System.nanoTime();
        StandaloneCluster cluster = new StandaloneCluster(2, "1g");
        try {
            SparkConf conf = new SparkConf()
                    .setMaster(cluster.masterUrl())
                    .setAppName("lepton-standalone-test")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.executor.memory", "768m")
                    .set("spark.executor.cores", "1")
                    .set("spark.cores.max", "2")
                    .set("spark.executor.extraClassPath", cluster.classFolders());
            JavaSparkContext sc = new JavaSparkContext(conf);
            try {
                awaitExecutors(sc, 2);
                JavaRDD<LabeledExample> data = sc.parallelize(Weights.examples(x, y), 2).cache();
                History h = SparkTrainer.of(distributed).fit(data, options);
                Evaluation sparkTest = SparkPredictor.of(distributed)
                        .evaluate(sc.parallelize(Weights.examples(xTest, yTest), 2));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("standalone cluster: %d steps, test accuracy %.4f (one machine %.4f), %.1f s "
                        + "with start and stop%n", distributed.optimizer().iterations(), sparkTest.accuracy(),
                        localTest.accuracy(), seconds);
                assertEquals((long) EPOCHS * (TRAIN / BATCH + 1), distributed.optimizer().iterations());
                assertTrue(h.loss().get(EPOCHS - 1) < h.loss().get(0), "the loss must fall: " + h.loss());
                assertTrue(sparkTest.accuracy() >= ACCURACY_FLOOR, "accuracy " + sparkTest.accuracy());
                assertEquals(localTest.accuracy(), sparkTest.accuracy(), 1.0 / TEST, "same accuracy band");
                double error = Weights.maxRelativeError(local.getWeights(), distributed.getWeights());
                System.out.printf("standalone cluster: max relative weight error %.3g%n", error);
                assertTrue(error <= RELATIVE_TOLERANCE, "relative error " + error);
            } finally {
                sc.stop();
            }
        } finally {
            cluster.close();
        }
        assertEquals(0, cluster.alive(), "every process the test started must be gone");
    }

    private static void awaitExecutors(JavaSparkContext sc, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXECUTORS_TIMEOUT_SECONDS);
        // The driver counts itself among the executors.
        while (sc.sc().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(executors + " executors did not register within "
                        + EXECUTORS_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Tensor rows(Tensor t, int n) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        double[] v = new double[n * row];
        System.arraycopy(t.toArray(), 0, v, 0, v.length);
        shape[0] = n;
        return Tensor.of(v, shape);
    }
}
