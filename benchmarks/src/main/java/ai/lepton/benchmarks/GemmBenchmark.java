package ai.lepton.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import ai.lepton.Settings;
import ai.lepton.kernels.Gemm;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per GEMM call on a square product and on the shapes of training a small MLP and CNN,
 * for both register tiles (Vector API and plain Java) and 1 or 2 threads. GFLOP/s = 2·m·n·k / time.
 *
 * <p>Shapes are {@code m×n×k:form}, with form NN (C = A·B, forward), TN (C = Aᵀ·B, weight
 * gradient) or NT (C = A·Bᵀ, input gradient): 32×784·784×128 is a Dense layer on a batch of 32,
 * 3872×288·288×64 a 3×3 convolution from 32 to 64 channels on 11×11 outputs of a batch of 32.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GemmBenchmark -p path=vector -p threads=1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {

    /** Product shape and form; see the class comment. */
    @Param({"1024x1024x1024:NN", "32x128x784:NN", "784x128x32:TN", "32x784x128:NT",
            "3872x64x288:NN", "288x64x3872:TN", "3872x288x64:NT"})
    public String shape;

    /** Register tile: "vector" (Vector API) or "scalar" (plain Java). */
    @Param({"vector", "scalar"})
    public String path;

    /** Threads Lepton may use. */
    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private double[] a;
    private double[] b;
    private double[] c;

    /** Picks the register tile (each parameter set runs in a fresh JVM), threads, and random operands. */
    @Setup(Level.Trial)
    public void setUp() {
        // Read once, on the first GEMM call, so it must be set before it.
        System.setProperty("lepton.gemm", path);
        Settings.setThreads(threads);
        String[] parts = shape.split("[x:]");
        m = Integer.parseInt(parts[0]);
        n = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[2]);
        transA = parts[3].charAt(0) == 'T';
        transB = parts[3].charAt(1) == 'T';
        Random random = new Random(42);
        a = random.doubles((long) m * k, -1, 1).toArray();
        b = random.doubles((long) k * n, -1, 1).toArray();
        c = new double[m * n];
    }

    /**
     * One product C = op(A)·op(B).
     *
     * @return C, so the JIT cannot drop the work
     */
    @Benchmark
    public double[] gemm() {
        Gemm.gemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
        return c;
    }
}
