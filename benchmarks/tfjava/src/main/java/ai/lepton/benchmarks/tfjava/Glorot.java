package ai.lepton.benchmarks.tfjava;

import java.util.SplittableRandom;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Glorot-uniform kernels with Keras's fans (receptive field times input channels, times output
 * channels), drawn here rather than by tensorflow-framework's {@code Glorot}, whose fans for a
 * (3, 3, 32, 64) kernel give it a limit of 0.015 instead of 0.083.
 *
 * <pre>
 * Variable&lt;TFloat32&gt; kernel = Glorot.kernel(tf, 7, 3, 3, 32, 64);   // seed 7, a 3x3 conv from 32 to 64 channels
 * </pre>
 */
final class Glorot {
    private Glorot() {
    }

    /**
     * A variable initialised from U(-limit, limit), limit = sqrt(6 / (fanIn + fanOut)).
     *
     * @param tf the graph's ops
     * @param seed the seed of the values
     * @param shape the kernel's shape, at least two dimensions, the last two input and output
     * @return the variable, initialised in the graph's init scope
     */
    static Variable<TFloat32> kernel(Ops tf, long seed, long... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Glorot: a kernel needs at least 2 dimensions, got " + shape.length);
        }
        long receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        double limit = Math.sqrt(6.0 / (receptive * shape[shape.length - 2] + receptive * shape[shape.length - 1]));
        float[] values = new float[Math.toIntExact(receptive * shape[shape.length - 2] * shape[shape.length - 1])];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return tf.variable(tf.withInitScope().constant(Shape.of(shape), DataBuffers.of(values, true, false)));
    }
}
