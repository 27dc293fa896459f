package ai.lepton.benchmarks;

import java.util.concurrent.TimeUnit;

import ai.lepton.tensor.Tensor;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per call of elementwise ops and reductions on a (1000, 1000) tensor of 1,000,000 doubles,
 * through the public {@link Tensor} methods, without gradient tracking.
 *
 * <p>These ops run on one thread, so there is no thread parameter. They are memory-bound: a
 * binary op reads 16 MB and writes 8 MB, a unary op reads and writes 8 MB, a reduction reads 8 MB,
 * so GB/s = bytes / time. {@code addRow} broadcasts a (1000) row vector over the rows, as a bias
 * is added; {@code sumColumns} (axis 0) is the reduction that gives that bias its gradient.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ElementwiseBenchmark.softmax
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBenchmark {
    private static final int ROWS = 1000;
    private static final int COLUMNS = 1000;

    private Tensor a;
    private Tensor b;
    private Tensor row;

    /** Makes the operands: standard normal samples, fixed seeds. */
    @Setup(Level.Trial)
    public void setUp() {
        a = Tensor.randn(1, ROWS, COLUMNS);
        b = Tensor.randn(2, ROWS, COLUMNS);
        row = Tensor.randn(3, COLUMNS);
    }

    /** @return {@code a + b} */
    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    /** @return {@code a + row}, the row broadcast over a's rows */
    @Benchmark
    public Tensor addRow() {
        return a.add(row);
    }

    /** @return {@code a · b}, elementwise */
    @Benchmark
    public Tensor mul() {
        return a.mul(b);
    }

    /** @return {@code max(a, 0)} */
    @Benchmark
    public Tensor relu() {
        return a.relu();
    }

    /** @return {@code e^a} */
    @Benchmark
    public Tensor exp() {
        return a.exp();
    }

    /** @return the sum of all elements */
    @Benchmark
    public Tensor sum() {
        return a.sum();
    }

    /** @return the sums along axis 0, one per column */
    @Benchmark
    public Tensor sumColumns() {
        return a.sum(0, false);
    }

    /** @return the sums along the last axis, one per row */
    @Benchmark
    public Tensor sumRows() {
        return a.sum(-1, false);
    }

    /** @return the softmax of each row */
    @Benchmark
    public Tensor softmax() {
        return a.softmax(-1);
    }
}
