package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task attempt that fails mid-epoch is retried by Spark, and training ends with exactly the
 * weights of the run without the failure. The failure is Spark's own: the driver kills a running
 * step task ({@link SparkContext#killTaskAttempt}), which Spark counts as a failed attempt and
 * schedules again, as it does for the tasks of a lost executor.
 */
@ExtendWith(LocalSpark.class)
class TaskFailureTest {
    private static final int EXAMPLES = 2048;
    private static final int BATCH = 256;
    private static final int EPOCHS = 3;
    /** The failures are injected from the second epoch's second batch on. */
    private static final int FAIL_EPOCH = 1;
    private static final int FAIL_BATCH = 1;

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(128, "relu").inputShape(64), new Dropout(0.2), new Dense(10, "softmax"))
                .seed(17);
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Kills the first step task that starts once armed; re-arms if the task finished before the kill reached it. */
    private static final class TaskKiller extends SparkListener {
        private final SparkContext sc;
        private volatile boolean armed;
        private volatile long target = -1;
        private final AtomicInteger killed = new AtomicInteger();
        private final AtomicInteger retried = new AtomicInteger();

        TaskKiller(SparkContext sc) {
            this.sc = sc;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            if (start.taskInfo().attemptNumber() > 0) {
                retried.incrementAndGet();
            }
            if (armed && killed.get() == 0) {
                armed = false;
                target = start.taskInfo().taskId();
                sc.killTaskAttempt(target, false, "failure injected by TaskFailureTest");
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().taskId() != target) {
                return;
            }
            if (end.reason() instanceof TaskKilled) {
                killed.incrementAndGet();
            } else {
                armed = true;  // the task won the race; try the next one
            }
        }
    }

    @Test
    void aTaskFailureMidEpochIsRetriedAndTrainingMatchesTheRunWithoutIt() {
        Tensor x = Tensor.randn(1, EXAMPLES, 64);
        Tensor y = x.matmul(Tensor.randn(2, 64, 10)).argmax(1);
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x, y), 2).cache();
        FitOptions options = FitOptions.create().epochs(EPOCHS).batchSize(BATCH).verbose(0);

        Sequential clean = model();
        SparkTrainer.of(clean).fit(data, options);

        SparkContext sc = LocalSpark.session().sparkContext();
        TaskKiller killer = new TaskKiller(sc);
        Callback arm = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(int e, Map<String, Double> logs) {
                epoch = e;
            }

            @Override
            public void onBatchBegin(int batch, Map<String, Double> logs) {
                if (epoch == FAIL_EPOCH && batch == FAIL_BATCH) {
                    killer.armed = true;
                }
            }
        };
        sc.addSparkListener(killer);
        Sequential failed = model();
        try {
            SparkTrainer.of(failed).fit(data, options.callbacks(arm));
        } finally {
            sc.removeSparkListener(killer);
            data.unpersist();
        }
        assertEquals(1, killer.killed.get(), "one step task must have been killed");
        assertTrue(killer.retried.get() >= 1, "Spark must have retried the killed task");
        for (int i = 0; i < clean.getWeights().size(); i++) {
            assertArrayEquals(clean.getWeights().get(i).toArray(), failed.getWeights().get(i).toArray(), "weight " + i);
        }
    }
}
