package ai.lepton;

import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Parallel;

/**
 * What a user tunes about Lepton as a whole: how many threads its kernels use, and whether they
 * run on the Vector API.
 *
 * <p>The thread count starts at the system property {@code lepton.threads} when set, otherwise at
 * the number of processors. Results never depend on it: the work is cut into the same pieces
 * whatever the count, so only the speed changes. The Vector API is used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (unless {@code -Dlepton.gemm=scalar} forces plain
 * Java); without it training is about 3x slower.
 *
 * <pre>{@code
 * Settings.setThreads(2);          // e.g. leave cores free for a web server
 * Settings.threads();              // 2
 * Settings.usesVectorApi();        // true with --add-modules jdk.incubator.vector
 * }</pre>
 */
public final class Settings {
    private Settings() {
    }

    /** @return the number of threads Lepton's kernels may use, at least 1 */
    public static int threads() {
        return Parallel.threads();
    }

    /**
     * Sets the number of threads Lepton's kernels may use, from now on.
     *
     * @param count at least 1
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static void setThreads(int count) {
        Parallel.setThreads(count);
    }

    /** @return whether the kernels run on the Vector API ({@code --add-modules jdk.incubator.vector}) */
    public static boolean usesVectorApi() {
        return Gemm.usesVectorApi();
    }
}
