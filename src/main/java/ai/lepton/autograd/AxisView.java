package ai.lepton.autograd;

import ai.lepton.tensor.Shapes;

/**
 * A tensor seen as {@code (outer, n, inner)} around one axis of length {@code n}: element
 * {@code (o, j, i)} sits at {@code (o * n + j) * inner + i}. The ops that work along an axis
 * (sum, max, softmax) loop over this view.
 */
final class AxisView {
    final int axis;
    final int outer;
    final int n;
    final int inner;

    AxisView(String op, int[] shape, int axis) {
        this.axis = Shapes.axis(op, shape, axis);
        this.outer = Shapes.product(shape, 0, this.axis);
        this.n = shape[this.axis];
        this.inner = Shapes.product(shape, this.axis + 1, shape.length);
    }

    /** Index of element {@code (o, j, i)}. */
    int at(int o, int j, int i) {
        return (o * n + j) * inner + i;
    }

    /** Index of the reduced element {@code (o, i)}. */
    int reduced(int o, int i) {
        return o * inner + i;
    }
}
