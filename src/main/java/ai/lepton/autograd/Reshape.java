package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * The same values under another shape of equal size (row-major order is kept); the gradient is
 * the output's gradient under the input's shape.
 *
 * <pre>{@code
 * Tensor flat = Reshape.apply(images, 32, -1);   // same as images.reshape(32, -1)
 * }</pre>
 */
public final class Reshape extends Op {
    private Reshape() {
    }

    /**
     * @param x the tensor
     * @param newShape the new dimensions; at most one may be -1 and is then inferred
     * @return the reshaped tensor
     * @throws ShapeException if the sizes cannot match
     */
    public static Tensor apply(Tensor x, int... newShape) {
        int[] target = resolve(shape(x), newShape);
        return new Reshape().output(data(x).clone(), target, x);
    }

    /**
     * Replaces a -1 in {@code newShape} by the dimension that makes the sizes match.
     *
     * @param from the current shape
     * @param newShape the requested shape (not modified)
     * @return the resolved shape
     */
    static int[] resolve(int[] from, int[] newShape) {
        int[] target = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (target[i] < 0) {
                throw cannot(from, target, "only one dimension may be -1 and none may be negative");
            } else {
                known *= target[i];
            }
        }
        int size = Shapes.size(from);
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw cannot(from, target, size + " elements cannot be split this way");
            }
            target[unknown] = (int) (size / known);
        } else if (known != size) {
            throw cannot(from, target, "sizes " + size + " and " + known + " differ");
        }
        return target;
    }

    private static ShapeException cannot(int[] from, int[] to, String reason) {
        return new ShapeException("reshape: cannot reshape " + Shapes.format(from) + " into " + Shapes.format(to) + ": " + reason);
    }

    @Override
    protected double[][] backward(double[] g) {
        return new double[][] {g};
    }
}
