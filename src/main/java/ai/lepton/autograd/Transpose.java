package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Permutes axes: axis {@code i} of the output is axis {@code perm[i]} of the input. The gradient
 * is the output's gradient permuted back by the inverse permutation.
 *
 * <pre>{@code
 * Tensor t = Transpose.apply(x, 1, 0);   // same as x.transpose(1, 0)
 * }</pre>
 */
public final class Transpose extends Op {
    private final int[] inShape;
    private final int[] perm;

    private Transpose(int[] inShape, int[] perm) {
        this.inShape = inShape;
        this.perm = perm;
    }

    /**
     * @param x the tensor
     * @param perm a permutation of {@code 0 .. rank-1}
     * @return the permuted tensor
     * @throws ShapeException if {@code perm} is not a permutation of the axes
     */
    public static Tensor apply(Tensor x, int... perm) {
        int[] in = shape(x);
        checkPermutation(in, perm);
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[perm[i]];
        }
        return new Transpose(in, perm.clone()).output(permute(data(x), in, perm), out, x);
    }

    /** Moves {@code values} of shape {@code shape} so that output axis i is input axis perm[i]. */
    private static double[] permute(double[] values, int[] shape, int[] perm) {
        int rank = shape.length;
        int[] inStrides = Shapes.strides(shape);
        int[] outShape = new int[rank];
        int[] stride = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
            stride[i] = inStrides[perm[i]];
        }
        double[] result = new double[values.length];
        int[] index = new int[rank];
        int from = 0;
        for (int o = 0; o < result.length; o++) {
            result[o] = values[from];
            for (int d = rank - 1; d >= 0; d--) {
                from += stride[d];
                if (++index[d] < outShape[d]) {
                    break;
                }
                from -= stride[d] * outShape[d];
                index[d] = 0;
            }
        }
        return result;
    }

    private static void checkPermutation(int[] shape, int[] perm) {
        boolean[] seen = new boolean[shape.length];
        boolean ok = perm.length == shape.length;
        for (int p : perm) {
            ok &= p >= 0 && p < seen.length && !seen[p];
            if (ok) {
                seen[p] = true;
            }
        }
        if (!ok) {
            throw ShapeException.of("transpose", shape, "axes " + Arrays.toString(perm)
                    + " are not a permutation of 0.." + (shape.length - 1));
        }
    }

    @Override
    protected double[][] backward(double[] g) {
        int[] inverse = new int[perm.length];
        int[] outShape = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
            outShape[i] = inShape[perm[i]];
        }
        return new double[][] {permute(g, outShape, inverse)};
    }
}
