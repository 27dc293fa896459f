package ai.lepton.autograd;

import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;

/**
 * Base of the elementwise ops on two broadcast operands ({@link Add}, {@link Sub}, {@link Mul},
 * {@link Div}). It keeps both operands and the broadcast shape for the backward pass, whose
 * gradients may stay in the broadcast shape: the engine sums them back to each operand's shape.
 */
public abstract class BinaryOp extends Op {
    /** The first operand's data. */
    protected double[] a;
    /** The first operand's shape. */
    protected int[] aShape;
    /** The second operand's data. */
    protected double[] b;
    /** The second operand's shape. */
    protected int[] bShape;
    /** The broadcast (output) shape. */
    protected int[] outShape;
    /** The output's data. */
    protected double[] y;

    /** For subclasses. */
    protected BinaryOp() {
    }

    /**
     * Broadcasts the operands, applies {@code f} elementwise and records this op.
     *
     * @param opName the name for shape errors, e.g. {@code "add"}
     * @param x the first operand
     * @param z the second operand
     * @param f the elementwise function
     * @return the result in the broadcast shape
     */
    protected final Tensor run(String opName, Tensor x, Tensor z, DoubleBinaryOperator f) {
        a = data(x);
        aShape = shape(x);
        b = data(z);
        bShape = shape(z);
        outShape = Broadcast.shape(opName, aShape, bShape);
        y = Broadcast.apply(a, aShape, b, bShape, outShape, f);
        return output(y, outShape, x, z);
    }

    /**
     * {@code g ∘ f(other)} in the output shape, for a chain rule whose factor needs the other operand.
     *
     * @param g the output gradient (not modified)
     * @param other an operand's data (not modified)
     * @param otherShape that operand's shape
     * @param f how to combine a gradient value and an operand value
     * @return a new array in the output shape
     */
    protected final double[] combine(double[] g, double[] other, int[] otherShape, DoubleBinaryOperator f) {
        return Broadcast.apply(g, outShape, other, otherShape, outShape, f);
    }
}
