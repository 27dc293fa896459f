package ai.lepton.kernels;

/**
 * How a sliding window (convolution or pooling) treats the borders, with TensorFlow's rules so
 * that shapes match Keras.
 *
 * <p>For an input of length {@code in}, window {@code k} and stride {@code s}:
 * <ul>
 *   <li>{@link #VALID}: out = floor((in − k) / s) + 1, no padding;</li>
 *   <li>{@link #SAME}: out = ceil(in / s); total padding = max((out − 1)·s + k − in, 0), of which
 *       floor(total / 2) goes before (top/left) and the rest after (bottom/right).</li>
 * </ul>
 */
public enum Padding {

    /** No padding: windows lie wholly inside the input. */
    VALID,

    /** Zero padding so that the output has ceil(in / stride) positions. */
    SAME;

    /**
     * Returns the number of window positions along one axis.
     *
     * @param in     input length, at least 1
     * @param kernel window length, at least 1
     * @param stride step between windows, at least 1
     * @return the output length; 0 when a valid window does not fit
     */
    public int outputSize(int in, int kernel, int stride) {
        if (this == SAME) {
            return (in + stride - 1) / stride;
        }
        return in < kernel ? 0 : (in - kernel) / stride + 1;
    }

    /**
     * Returns the padding added before the first input element (top or left).
     *
     * @param in     input length, at least 1
     * @param kernel window length, at least 1
     * @param stride step between windows, at least 1
     * @return floor(total / 2) for {@link #SAME}, 0 for {@link #VALID}
     */
    public int padBefore(int in, int kernel, int stride) {
        return total(in, kernel, stride) / 2;
    }

    /**
     * Returns the padding added after the last input element (bottom or right).
     *
     * @param in     input length, at least 1
     * @param kernel window length, at least 1
     * @param stride step between windows, at least 1
     * @return total − floor(total / 2) for {@link #SAME}, 0 for {@link #VALID}
     */
    public int padAfter(int in, int kernel, int stride) {
        int total = total(in, kernel, stride);
        return total - total / 2;
    }

    /** The padding on both sides together: 0 for {@link #VALID}. */
    private int total(int in, int kernel, int stride) {
        return this == VALID ? 0 : Math.max((outputSize(in, kernel, stride) - 1) * stride + kernel - in, 0);
    }
}
