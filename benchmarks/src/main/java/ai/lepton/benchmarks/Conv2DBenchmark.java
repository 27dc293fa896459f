package ai.lepton.benchmarks;

import java.util.concurrent.TimeUnit;

import ai.lepton.Settings;
import ai.lepton.autograd.Conv2DOp;
import ai.lepton.autograd.MaxPool2D;
import ai.lepton.tensor.Tensor;

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
 * Time per forward and per forward+backward pass of the first three layers of the benchmark CNN
 * (docs/performance.md) on a batch of 32, through the autograd ops, for 1 or 2 threads.
 *
 * <p>Layers: {@code conv1} is Conv2D 32 3×3 relu on (32, 28, 28, 1) → (32, 26, 26, 32),
 * {@code pool1} MaxPooling2D 2×2 on (32, 26, 26, 32) → (32, 13, 13, 32), {@code conv2} Conv2D 64
 * 3×3 relu on (32, 13, 13, 32) → (32, 11, 11, 64). As in training, the weights and conv2's and
 * pool1's inputs require a gradient, conv1's input (the images) does not, so conv1's backward
 * computes no input gradient.
 *
 * <p>A convolution's forward product is 2·batch·outH·outW·filters·kh·kw·channels FLOP, and each
 * gradient (kernel, input) is one more of the same size, so GFLOP/s = FLOP / time with FLOP =
 * 12.46 M (conv1 forward), 24.92 M (conv1 forward+backward), 142.7 M (conv2 forward) and
 * 428.2 M (conv2 forward+backward). Pooling does no arithmetic to speak of; its time is the metric.
 *
 * <p>The backward pass starts from the sum of the output, so forward+backward also times that
 * sum, the all-ones gradient it hands back, and the copy of each leaf's gradient into the leaf,
 * which a layer inside a network does not pay (for pool1, one pass over its 5.5 MB input).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Conv2DBenchmark -p layer=conv2 -p threads=2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Conv2DBenchmark {
    private static final int BATCH = 32;
    private static final long SEED = 42;

    /** Layer of the CNN: "conv1", "pool1" or "conv2"; see the class comment. */
    @Param({"conv1", "pool1", "conv2"})
    public String layer;

    /** Threads Lepton may use. */
    @Param({"1", "2"})
    public int threads;

    private Tensor x;
    private Tensor kernel;
    private Tensor bias;

    /** Sets the threads and makes the layer's input and (for a convolution) He-scaled weights. */
    @Setup(Level.Trial)
    public void setUp() {
        Settings.setThreads(threads);
        switch (layer) {
            case "conv1" -> {
                x = Tensor.rand(SEED, BATCH, 28, 28, 1);
                weights(1, 32);
            }
            case "pool1" -> x = Tensor.randn(SEED, BATCH, 26, 26, 32).relu().requiresGrad(true);
            case "conv2" -> {
                x = Tensor.randn(SEED, BATCH, 13, 13, 32).relu().requiresGrad(true);
                weights(32, 64);
            }
            default -> throw new IllegalArgumentException("Unknown layer. Received: layer=" + layer);
        }
    }

    private void weights(int channels, int filters) {
        kernel = Tensor.randn(SEED + 1, 3, 3, channels, filters).mul(Math.sqrt(2.0 / (9 * channels)))
                .requiresGrad(true);
        bias = Tensor.zeros(filters).requiresGrad(true);
    }

    /**
     * The layer's forward pass, recording its op for backward as training does.
     *
     * @return the output, so the JIT cannot drop the work
     */
    @Benchmark
    public Tensor forward() {
        return layer();
    }

    /**
     * The forward pass, then backward from the sum of the output into fresh leaf gradients, as
     * in one training step.
     *
     * @return the summed output, so the JIT cannot drop the work
     */
    @Benchmark
    public Tensor forwardBackward() {
        x.zeroGrad();
        if (kernel != null) {
            kernel.zeroGrad();
            bias.zeroGrad();
        }
        Tensor loss = layer().sum();
        loss.backward();
        return loss;
    }

    private Tensor layer() {
        return kernel == null ? MaxPool2D.apply(x, 2, 2, "valid") : Conv2DOp.apply(x, kernel, bias, 1, "valid", true);
    }
}
