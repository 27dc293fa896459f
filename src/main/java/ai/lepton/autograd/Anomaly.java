package ai.lepton.autograd;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.StringJoiner;

/**
 * Anomaly detection, like PyTorch's {@code detect_anomaly}: inside the scope every op checks its
 * output in the forward pass and its input gradients in the backward pass, and the first value
 * that is NaN or infinite throws an {@link ArithmeticException} naming the op and its inputs'
 * shapes. It slows training down, so it is off unless asked for; it is per thread.
 *
 * <pre>{@code
 * try (Anomaly a = Anomaly.detect()) {
 *     Tensor loss = x.log().sum();   // x holds a negative value: "Log produced NaN ..."
 *     loss.backward();
 * }
 * }</pre>
 */
public final class Anomaly implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private Anomaly() {
        DEPTH.get()[0]++;
    }

    /** @return an open scope; close it (try-with-resources) to stop checking */
    public static Anomaly detect() {
        return new Anomaly();
    }

    /** Ends the scope; closing twice has no further effect. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }

    static void checkOutput(Op op, double[] values, Tensor[] inputs) {
        if (DEPTH.get()[0] > 0 && !allFinite(values)) {
            throw new ArithmeticException(op.name() + " produced a non-finite value in its output; inputs "
                    + shapes(inputs));
        }
    }

    static void checkGradient(Op op, int input, double[] values) {
        if (DEPTH.get()[0] > 0 && values != null && !allFinite(values)) {
            throw new ArithmeticException(op.name() + " produced a non-finite gradient for input " + input
                    + "; inputs " + shapes(op.inputs()));
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String shapes(Tensor[] inputs) {
        StringJoiner joiner = new StringJoiner(", ");
        for (Tensor t : inputs) {
            joiner.add(Shapes.format(Storage.shape(t)));
        }
        return joiner.toString();
    }
}
