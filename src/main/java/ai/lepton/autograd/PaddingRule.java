package ai.lepton.autograd;

import ai.lepton.kernels.Padding;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import java.util.Locale;

/**
 * Keras's two border rules for sliding windows by name, {@code "valid"} and {@code "same"}, and
 * the output length they give, so that layers infer shapes with the very rule their ops run.
 * With input length {@code in}, window {@code k} and stride {@code s}: {@code valid} gives
 * {@code floor((in - k) / s) + 1} (0 when the window does not fit), {@code same} gives
 * {@code ceil(in / s)} with TensorFlow's padding (the odd extra cell at the bottom/right).
 *
 * <pre>{@code
 * PaddingRule.outputSize(7, 3, 2, "same");    // 4
 * PaddingRule.outputSize(7, 3, 2, "valid");   // 3
 * }</pre>
 */
public final class PaddingRule {
    private PaddingRule() {
    }

    /**
     * @param padding a padding name
     * @return whether it is {@code "valid"} or {@code "same"}
     */
    public static boolean isKnown(String padding) {
        return "valid".equals(padding) || "same".equals(padding);
    }

    /**
     * @param in the input length, positive
     * @param window the window length, positive
     * @param stride the step between windows, positive
     * @param padding {@code "valid"} or {@code "same"}
     * @return the number of window positions; 0 when a {@code valid} window does not fit
     * @throws IllegalArgumentException for another padding name
     */
    public static int outputSize(int in, int window, int stride, String padding) {
        return parse("PaddingRule.outputSize", padding).outputSize(in, window, stride);
    }

    /**
     * @param op the operation asking, for the message
     * @param padding {@code "valid"} or {@code "same"}
     * @return the kernels' rule
     * @throws IllegalArgumentException for another name, echoing it
     */
    static Padding parse(String op, String padding) {
        if (!isKnown(padding)) {
            throw new IllegalArgumentException(op + ": padding must be 'valid' or 'same'. Received: padding=" + padding);
        }
        return Padding.valueOf(padding.toUpperCase(Locale.ROOT));
    }

    /**
     * The geometry of a square-stride window over an NHWC batch, checked with messages in the op's words.
     *
     * @param op the operation asking, e.g. {@code "conv2d"}
     * @param xShape the batch's shape {@code (batch, h, w, c)} (not modified)
     * @param kh the window height
     * @param kw the window width
     * @param stride the step along both axes
     * @param padding {@code "valid"} or {@code "same"}
     * @return the window
     * @throws ShapeException if {@code xShape} is not rank 4 or a {@code valid} window does not fit
     * @throws IllegalArgumentException for a stride below 1 or an unknown padding
     */
    static SlidingWindow window(String op, int[] xShape, int kh, int kw, int stride, String padding) {
        Padding rule = parse(op, padding);
        if (stride < 1) {
            throw new IllegalArgumentException(op + ": strides must be a positive integer. Received: strides=" + stride);
        }
        if (xShape.length != 4) {
            throw ShapeException.of(op, xShape, "expected a batch of shape (batch, height, width, channels)");
        }
        if (rule.outputSize(xShape[1], kh, stride) < 1 || rule.outputSize(xShape[2], kw, stride) < 1) {
            throw ShapeException.of(op, xShape, "a " + kh + "x" + kw + " window does not fit a " + xShape[1] + "x"
                    + xShape[2] + " input with 'valid' padding");
        }
        return new SlidingWindow(xShape[0], xShape[1], xShape[2], xShape[3], kh, kw, stride, stride, rule);
    }
}
