package ai.lepton.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local Spark session for all the test classes that use it ({@code @ExtendWith(LocalSpark.class)}),
 * started once and stopped when the test run ends: {@code local[2,4]}, two task threads on this
 * 2-core machine, and up to 4 attempts per task, so that a failed attempt is retried as on a
 * cluster. Loopback only, no UI.
 */
public final class LocalSpark implements BeforeAllCallback {
    private static SparkSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(LocalSpark.class, k -> {
            session = SparkSession.builder()
                    .master("local[2,4]")
                    .appName("lepton-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            return (AutoCloseable) () -> session.stop();
        });
    }

    /** @return the session */
    static SparkSession session() {
        return session;
    }

    /** @return the session's context */
    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}
