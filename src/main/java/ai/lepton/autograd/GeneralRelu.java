package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code relu} with its options: {@code y = min(x, maxValue)} for {@code x > threshold},
 * else {@code negativeSlope * (x - threshold)}; {@code dy/dx = 1} for
 * {@code threshold < x < maxValue}, 0 above {@code maxValue}, {@code negativeSlope} at or below the
 * threshold. NaN stays NaN. {@code relu6} is {@code maxValue = 6}.
 *
 * <pre>{@code
 * Tensor y = GeneralRelu.apply(x, 0.1, 6.0, 0.0);   // leaky below 0, capped at 6
 * }</pre>
 */
public final class GeneralRelu extends Elementwise {
    private final double negativeSlope;
    private final double maxValue;
    private final double threshold;

    private GeneralRelu(double negativeSlope, double maxValue, double threshold) {
        this.negativeSlope = negativeSlope;
        this.maxValue = maxValue;
        this.threshold = threshold;
    }

    /**
     * @param x the input
     * @param negativeSlope the slope at or below the threshold
     * @param maxValue the largest output ({@link Double#POSITIVE_INFINITY} for none)
     * @param threshold where the rectifier bends
     * @return the rectified values, elementwise, same shape
     */
    public static Tensor apply(Tensor x, double negativeSlope, double maxValue, double threshold) {
        return new GeneralRelu(negativeSlope, maxValue, threshold).run(x);
    }

    @Override
    protected double f(double x) {
        if (x > threshold) {
            return Math.min(x, maxValue);
        }
        if (x <= threshold) {
            return negativeSlope == 0.0 ? 0.0 : negativeSlope * (x - threshold);
        }
        return x;
    }

    @Override
    protected double df(double x, double y) {
        if (x > threshold) {
            return x < maxValue ? 1.0 : 0.0;
        }
        return negativeSlope;
    }
}
