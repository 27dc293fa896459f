package ai.lepton.autograd;

import ai.lepton.kernels.Padding;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import java.util.Locale;

/**
 * Keras's border rules for sliding windows by name, {@code "valid"}, {@code "same"} and (for
 * 1-D convolutions) {@code "causal"}, and the output length they give, so that layers infer
 * shapes with the very rule their ops run. With input length {@code in}, window {@code k},
 * dilation {@code d} (span {@code d (k - 1) + 1}) and stride {@code s}: {@code valid} gives
 * {@code floor((in - span) / s) + 1} (0 when the window does not fit), {@code same} gives
 * {@code ceil(in / s)} with TensorFlow's padding (the odd extra cell at the bottom/right), and
 * {@code causal} pads {@code span - 1} zeros before the input only, so that output {@code t}
 * sees inputs up to {@code t}.
 *
 * <pre>{@code
 * PaddingRule.outputSize(7, 3, 2, "same");    // 4
 * PaddingRule.outputSize(7, 3, 2, "valid");   // 3
 * PaddingRule.pads("same", 8, 3, 2, 1);       // {0, 1}: the extra zero goes after
 * PaddingRule.pads("causal", 8, 3, 1, 2);     // {4, 0}
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
     * The zeros before and after one axis under a rule, with dilated windows.
     *
     * @param padding {@code "valid"}, {@code "same"} or {@code "causal"}
     * @param in the input length, positive
     * @param kernel the window's taps, positive
     * @param stride the step between windows, positive
     * @param dilation the distance between taps, positive
     * @return {@code {before, after}}
     * @throws IllegalArgumentException for another padding name
     */
    public static int[] pads(String padding, int in, int kernel, int stride, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        if ("causal".equals(padding)) {
            return new int[] {span - 1, 0};
        }
        Padding rule = parse("PaddingRule.pads", padding);
        return new int[] {rule.padBefore(in, span, stride), rule.padAfter(in, span, stride)};
    }

    /**
     * The output length of one axis with explicit pads: {@code floor((in + before + after - span) / stride) + 1},
     * or 0 when the window does not fit.
     *
     * @param in the input length
     * @param kernel the window's taps
     * @param stride the step between windows
     * @param dilation the distance between taps
     * @param pads {@code {before, after}}
     * @return the number of window positions
     */
    public static int outputSize(int in, int kernel, int stride, int dilation, int[] pads) {
        int room = in + pads[0] + pads[1] - (dilation * (kernel - 1) + 1);
        return room < 0 ? 0 : room / stride + 1;
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
        return window(op, xShape, kh, kw, stride, stride, padding);
    }

    /**
     * The geometry of a window with its own stride along each axis over an NHWC batch, checked
     * with messages in the op's words.
     *
     * @param op the operation asking, e.g. {@code "avg_pool2d"}
     * @param xShape the batch's shape {@code (batch, h, w, c)} (not modified)
     * @param kh the window height
     * @param kw the window width
     * @param sh the vertical step
     * @param sw the horizontal step
     * @param padding {@code "valid"} or {@code "same"}
     * @return the window
     * @throws ShapeException if {@code xShape} is not rank 4 or a {@code valid} window does not fit
     * @throws IllegalArgumentException for a size or stride below 1 or an unknown padding
     */
    static SlidingWindow window(String op, int[] xShape, int kh, int kw, int sh, int sw, String padding) {
        Padding rule = parse(op, padding);
        if (sh < 1 || sw < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException(op + ": window sizes and strides must be positive integers. Received: window=("
                    + kh + ", " + kw + "), strides=(" + sh + ", " + sw + ")");
        }
        if (xShape.length != 4) {
            throw ShapeException.of(op, xShape, "expected a batch of shape (batch, height, width, channels)");
        }
        if (rule.outputSize(xShape[1], kh, sh) < 1 || rule.outputSize(xShape[2], kw, sw) < 1) {
            throw ShapeException.of(op, xShape, "a " + kh + "x" + kw + " window does not fit a " + xShape[1] + "x"
                    + xShape[2] + " input with 'valid' padding");
        }
        return new SlidingWindow(xShape[0], xShape[1], xShape[2], xShape[3], kh, kw, sh, sw, rule);
    }
}
